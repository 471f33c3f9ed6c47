/* English left on a Chinese page: visible text nodes that hold no Chinese character and an English
   word (three letters or more, some lower case). Exempt, because they are not the interface's
   words: text marked as English (lang="en": an English title shown beside the Chinese one, a label
   the graph has only in English, the API reference), code and identifiers (words joined to digits
   or punctuation such as C7-e-health or baap:region), names kept as they are (translate="no":
   organisations, notations), the editor's query text, the query's own result cells and variable
   names, and what the visitor typed. Chinese text with Latin names inside it counts as Chinese. */
const SKIP = [
  "[translate='no']", "[lang^='en']", "script", "style", "noscript", "code", "pre", "kbd", "samp",
  ".iri", ".CodeMirror", "#yasr tbody", "#yasr thead", ".query-text",
].join(",");
/* Names of formats and products that have no Chinese name. */
const NAMES = new Set([
  "Turtle", "N-Triples", "TriG", "N-Quads", "Giga", "Connect2Recover", "I-CoDI", "OpenAPI",
  "JavaScript", "baap-kg",
]);
const CJK = /[\u3400-\u9fff]/;
const SEPARATORS = /[\s\u3000-\u303f\uff00-\uffef（），。：；、“”‘’《》【】·…—–]+/;
const IDENTIFIER = /[0-9:\/._@#?=&<>{}\[\]+]/;
const found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let node;
while ((node = walker.nextNode())) {
  const el = node.parentElement;
  if (!el || el.closest(SKIP) || el.closest("[hidden]")) continue;
  /* Options are shown by their menu; everything else must be rendered to count. */
  const shown = el.closest("select") || el.closest("svg") || el;
  if (shown.checkVisibility && !shown.checkVisibility({ visibilityProperty: true })) continue;
  if (CJK.test(node.nodeValue)) continue;
  for (const chunk of node.nodeValue.split(SEPARATORS)) {
    if (!chunk || IDENTIFIER.test(chunk) || NAMES.has(chunk.replace(/[()",;!]/g, ""))) continue;
    const english = (chunk.match(/[A-Za-z]+/g) || []).some(
      (word) => word.length >= 3 && /[a-z]/.test(word) && !NAMES.has(word)
    );
    if (english) found.push(`${chunk} <${el.tagName.toLowerCase()}.${el.className}>`);
  }
}
return found.slice(0, 30);
