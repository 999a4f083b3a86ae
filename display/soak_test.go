package display_test

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"opinionwall/display/displaytest"
)

// TestSoak runs many simulated visits through the screens on the test
// driver into a real store and checks the resident set does not grow: at
// most 30 MB after warm-up. It takes minutes, so it runs only when asked:
//
//	OW_SOAK_VISITS=10000 go test ./display -run TestSoak -v -timeout 60m
func TestSoak(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("OW_SOAK_VISITS"))
	if n == 0 {
		t.Skip("set OW_SOAK_VISITS to run the soak test")
	}
	f := displaytest.NewKiosk(t, 0)
	visit := func(i int) {
		switch i % 3 {
		case 0:
			f.Tap("点我说两句")
			f.Tap("评服务")
			f.Tap("社区工作站")
			f.Tap("很满意")
			f.Tap("确认提交")
			f.Tap("完成")
		case 1:
			f.Tap("点我说两句")
			f.Tap("提意见")
			f.Tap("交通停车")
			f.Tap("不涉及具体地点")
			f.Tap("乱停车")
			f.Tap("下一步")
			f.Tap("不留电话")
			f.Tap("确认提交")
			f.Tap("完成")
		case 2:
			f.Tap("点我说两句")
			f.Tap("看回复墙")
			f.Clk.Advance(f.Cfg.Session.IdleTimeout.D())
			f.K.Tick() // walked away: the visit times out
		}
		f.Clk.Advance(5 * time.Second) // apart enough not to be play
	}
	warm := min(500, n/10)
	for i := 0; i < warm; i++ {
		visit(i)
	}
	debug.FreeOSMemory() // collect, and give back what is free
	start := rss(t)
	began := time.Now()
	for i := warm; i < n; i++ {
		visit(i)
	}
	debug.FreeOSMemory()
	end := rss(t)
	st, _ := f.DB.Status(t.Context())
	t.Logf("%d visits (%d after warm-up) in %s; %d submissions stored; RSS %d MiB after warm-up, %d MiB at the end: growth %+d MiB",
		n, n-warm, time.Since(began).Round(time.Second), st.LastSeq, start>>20, end>>20, (end-start)>>20)
	if end-start > 30<<20 {
		t.Errorf("RSS grew by %d MiB, more than 30", (end-start)>>20)
	}
}

// rss is this process's resident set size in bytes.
func rss(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
