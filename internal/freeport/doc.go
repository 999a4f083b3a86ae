// Package freeport hands tests loopback addresses to listen on. An
// address it returns had a free port when it was handed out and is never
// handed out twice in one process, so a test that starts several servers
// does not give two of them the same port.
package freeport
