package hub

import (
	"context"
	"encoding/json"
	"time"

	"opinionwall/kiosk"
)

// MonthFigures counts the opinions received in now's month (station time)
// and how many of them the station has answered, for the kiosks' attract
// screens (收到 N 条, 已回复 M 条).
func (d *Desk) MonthFigures(ctx context.Context, now time.Time) (kiosk.WallFigures, error) {
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	in, err := d.Store.Inbox(ctx, Filter{Kind: kiosk.KindOpinion, From: from, To: from.AddDate(0, 1, 0), Limit: 1})
	if err != nil {
		return kiosk.WallFigures{}, err
	}
	return kiosk.WallFigures{
		Month:    from.Format("2006-01"),
		Received: in.Total,
		Replied:  in.ByStatus[kiosk.StatusReplied] + in.ByStatus[kiosk.StatusClosed],
	}, nil
}

// RefreshFigures rebuilds the wall snapshot when the month's figures
// differ from those it carries (opinions arrived, replies went out, a new
// month began), and reports whether it did. The hub runs it every minute.
func (d *Desk) RefreshFigures(ctx context.Context) (bool, error) {
	fig, err := d.MonthFigures(ctx, d.Now())
	if err != nil {
		return false, err
	}
	prev, raw, err := d.Store.Snapshot(ctx, SnapshotWall)
	if err != nil {
		return false, err
	}
	if prev > 0 {
		var old kiosk.WallSnapshot
		if json.Unmarshal(raw, &old) == nil && old.Figures != nil && *old.Figures == fig {
			return false, nil
		}
	}
	return true, d.RefreshWall(ctx)
}
