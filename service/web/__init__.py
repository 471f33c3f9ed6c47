"""The site's pages, built outside the routers: `layout` (language, navigation, rendering) and
one module per page kind. A page function takes the request and returns the response; routers
only declare the routes. Page data comes from the store through `service.views.Views`."""
