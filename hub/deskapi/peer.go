package deskapi

import (
	"context"
	"fmt"
	"net"
	"os/user"
	"strconv"
	"syscall"
)

type peerKey struct{}

// withPeer notes who opened a connection (http.Server.ConnContext): the
// operating-system user and process at the other end of the socket.
func withPeer(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, peerKey{}, peerCred(c))
}

// peerOf returns the peer noted by withPeer.
func peerOf(ctx context.Context) string {
	p, _ := ctx.Value(peerKey{}).(string)
	return p
}

// peerCred describes the process at the other end of a unix socket:
// "user(uid) pid N", from SO_PEERCRED; "unknown" when the kernel does not
// say.
func peerCred(c net.Conn) string {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return "unknown"
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return "unknown"
	}
	var cred *syscall.Ucred
	var cerr error
	err = raw.Control(func(fd uintptr) {
		cred, cerr = syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
	})
	if err != nil || cerr != nil || cred == nil {
		return "unknown"
	}
	name := strconv.Itoa(int(cred.Uid))
	if u, err := user.LookupId(name); err == nil {
		name = u.Username + "(" + name + ")"
	}
	return fmt.Sprintf("%s pid %d", name, cred.Pid)
}
