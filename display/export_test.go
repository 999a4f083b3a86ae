package display

// Tr is the catalog's text of key in lang, for the tests outside the
// package.
var Tr = tr
