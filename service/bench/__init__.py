"""`make bench`: baap-kg against a bare pyoxigraph endpoint (the floor) and rdflib-endpoint."""
