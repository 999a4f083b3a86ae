package sqlite_test

import (
	"context"
	"testing"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	s.desk.Settings = s.db
	got, err := s.desk.Targets(ctx, s.grid)
	if err != nil || got.Of(kiosk.MatterBig).Close != 15*hub.Day {
		t.Fatalf("default targets %v, %v", got, err)
	}
	small := hub.Target{FirstReply: hub.Day, Close: 5 * hub.Day}
	if err := s.desk.SetTargets(ctx, s.grid, hub.Targets{kiosk.MatterSmall: small}); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Fatalf("a grid worker set targets: %v", err)
	}
	bad := hub.Targets{kiosk.MatterSmall: {FirstReply: 9 * hub.Day, Close: 5 * hub.Day}}
	if err := s.desk.SetTargets(ctx, s.lead, bad); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("reply after close accepted: %v", err)
	}
	if err := s.desk.SetTargets(ctx, s.lead, hub.Targets{kiosk.MatterSmall: small}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.desk.Targets(ctx, s.grid); got.Of(kiosk.MatterSmall) != small || got.Of(kiosk.MatterBig).Close != 15*hub.Day {
		t.Fatalf("targets after setting 小事: %v", got)
	}

	tpl, err := s.desk.ReplyTemplates(ctx, s.grid)
	if err != nil || len(tpl) != 5 {
		t.Fatalf("the migration's templates: %v, %v", tpl, err)
	}
	if err := s.desk.SetReplyTemplates(ctx, s.grid, []string{"x"}); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Fatalf("a grid worker edited templates: %v", err)
	}
	if err := s.desk.SetReplyTemplates(ctx, s.lead, []string{"已收到。", "  ", "已处理。"}); err != nil {
		t.Fatal(err)
	}
	if tpl, _ := s.desk.ReplyTemplates(ctx, s.grid); len(tpl) != 2 || tpl[1] != "已处理。" {
		t.Fatalf("templates %q", tpl)
	}
	long := make([]string, hub.MaxReplyTemplates+1)
	for i := range long {
		long[i] = "好"
	}
	if err := s.desk.SetReplyTemplates(ctx, s.lead, long); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("too many templates: %v", err)
	}
	if tpl, _ := s.desk.ReplyTemplates(ctx, s.grid); len(tpl) != 2 {
		t.Fatalf("a refused edit changed the templates: %q", tpl)
	}
}
