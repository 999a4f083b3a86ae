package sqlite_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
)

func TestLoginLockout(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	if _, err := s.desk.Login(ctx, "zhang", "9999"); !errors.Is(err, hub.ErrPIN) {
		t.Errorf("wrong PIN: %v", err)
	}
	if _, err := s.desk.Login(ctx, "nobody", "1234"); !errors.Is(err, hub.ErrPIN) {
		t.Errorf("unknown worker: %v", err)
	}
	for i := 0; i < hub.MaxPINFailures; i++ {
		s.desk.Login(ctx, "wang", "0000")
	}
	if _, err := s.desk.Login(ctx, "wang", "1234"); err == nil || !strings.Contains(err.Error(), "too many") {
		t.Errorf("right PIN during lockout: %v", err)
	}
	s.now = s.now.Add(hub.PINLockout + time.Second)
	if _, err := s.desk.Login(ctx, "wang", "1234"); err != nil {
		t.Errorf("after lockout: %v", err)
	}
}
