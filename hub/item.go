package hub

import (
	"fmt"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// ItemStage is where a deliberation item stands on the community's list
// (居民议事事项清单).
type ItemStage string

// The stages: 征集 → 表决 → 立项 or 未通过 → 实施中 → 已完成.
const (
	StageCollecting ItemStage = "collecting" // 征集: gathering opinions
	StageVoting     ItemStage = "voting"     // 表决: residents vote at the kiosks
	StageAdopted    ItemStage = "adopted"    // 立项: the vote carried it
	StageRejected   ItemStage = "rejected"   // 未通过: the vote did not
	StageUnderway   ItemStage = "underway"   // 实施中
	StageDone       ItemStage = "done"       // 已完成
)

// Stages lists the stages in their order on the list.
var Stages = []ItemStage{StageCollecting, StageVoting, StageAdopted, StageRejected, StageUnderway, StageDone}

// Decided reports whether residents have voted on the item.
func (s ItemStage) Decided() bool {
	return s == StageAdopted || s == StageRejected || s == StageUnderway || s == StageDone
}

// Item is a deliberation item (议事事项) made from residents' opinions.
type Item struct {
	ID          string // "item-7": the audit trail names it "item:item-7"
	N           int    // its number on the list, from 1
	Title       kiosk.Text
	Description string
	Topic       string
	Cases       []string // the linked opinions' case ids: its supporters
	Photo       string   // a photo stored with the item, by name; "" for none
	Stage       ItemStage
	Poll        string     // the poll residents vote in, from 表决 on
	Result      ItemResult // the counted vote, once decided
	DecidedAt   time.Time
	Progress    []Progress
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int64
}

// ItemResult is an item's vote as counted when it was decided.
type ItemResult struct {
	Agree, Disagree, Abstain, Play int
}

// Valid returns the valid votes: all counted, abstentions included.
func (r ItemResult) Valid() int { return r.Agree + r.Disagree + r.Abstain }

// Progress is one dated note on an adopted item.
type Progress struct {
	At     time.Time
	By     string
	Note   string
	NoteEn string // optional, for residents reading English
	Photo  string
	Budget int64 // yuan from 民生微实事 funds; 0 where none applies
}

// Supporters is how many opinions the item was made from.
func (it *Item) Supporters() int { return len(it.Cases) }

// AuditID is the item's name in the audit trail.
func (it *Item) AuditID() string { return "item:" + it.ID }

// Item limits.
const (
	MaxItemTitleRunes = 40
	MaxItemDescRunes  = 1000
	MaxNoteRunes      = 500
)

// NewItem makes an item in 征集 from what a worker typed and the opinions
// they chose.
func NewItem(n int, title, titleEn, desc, topic string, cases []string, by string, now time.Time) (Item, error) {
	it := Item{ID: fmt.Sprintf("item-%d", n), N: n, Topic: topic, Stage: StageCollecting, CreatedBy: by, CreatedAt: now, UpdatedAt: now}
	var err error
	if it.Title.Zh, err = workerText(FieldItemTitle, title, MaxItemTitleRunes, true); err != nil {
		return it, err
	}
	if it.Title.En, err = workerText(FieldItemTitleEn, titleEn, 2*MaxItemTitleRunes, false); err != nil {
		return it, err
	}
	if it.Description, err = workerText(FieldDescription, desc, MaxItemDescRunes, false); err != nil {
		return it, err
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if c != "" && !seen[c] {
			seen[c] = true
			it.Cases = append(it.Cases, c)
		}
	}
	if len(it.Cases) == 0 {
		return it, refusal(kiosk.EINVALID, "item.cases", "choose at least one opinion for the item")
	}
	return it, nil
}

// ItemActionKind names a step on an item.
type ItemActionKind string

// The steps on an item.
const (
	ItemLink     ItemActionKind = "item_link"     // take more opinions in (征集)
	ItemVote     ItemActionKind = "item_vote"     // put it to the vote (征集 → 表决)
	ItemDecide   ItemActionKind = "item_decide"   // a lead confirms the vote (表决 → 立项/未通过)
	ItemStart    ItemActionKind = "item_start"    // work starts (立项 → 实施中)
	ItemProgress ItemActionKind = "item_progress" // a dated note (立项, 实施中)
	ItemFinish   ItemActionKind = "item_finish"   // done (实施中 → 已完成)
)

// ItemAction is a step a worker asks for. Only the fields of its kind are read.
type ItemAction struct {
	Kind   ItemActionKind
	Cases  []string // link
	Poll   string   // vote: the poll made for it
	Tally  Tally    // decide: the poll's count
	Rule   VoteRule // decide
	Note   string   // progress
	NoteEn string   // progress, optional
	Photo  string   // progress, optional
	Budget int64    // progress, optional
}

// Apply takes the step a on the item, done by worker w at time at, and
// returns its audit record. On error the item is unchanged. Who may take
// which step is the Desk's rule.
func (it *Item) Apply(a ItemAction, w Worker, at time.Time) (Audit, error) {
	rec := Audit{Case: it.AuditID(), Worker: w.ID, At: at, Action: ActionKind(a.Kind), From: kiosk.TicketStatus(it.Stage)}
	next := *it
	next.Cases = append([]string(nil), it.Cases...)
	next.Progress = append([]Progress(nil), it.Progress...)
	var detail string
	var err error
	switch a.Kind {
	case ItemLink:
		detail, err = next.link(a)
	case ItemVote:
		detail, err = next.step(StageCollecting, StageVoting), nil
		if a.Poll == "" {
			err = refuse(a.Kind, "item.nopoll", "no poll")
		}
		next.Poll = a.Poll
	case ItemDecide:
		detail, err = next.decide(a, at)
	case ItemStart:
		detail, err = next.step(StageAdopted, StageUnderway), nil
	case ItemProgress:
		detail, err = next.progress(a, w, at)
	case ItemFinish:
		detail, err = next.step(StageUnderway, StageDone), nil
	default:
		err = refuse(a.Kind, "action", "unknown item step")
	}
	if err == nil && next.Stage == it.Stage && (a.Kind == ItemVote || a.Kind == ItemStart || a.Kind == ItemFinish) {
		err = refuse(a.Kind, "item.stage", "the item is %s", it.Stage)
	}
	if err != nil {
		return rec, err
	}
	next.UpdatedAt, next.Version = at, it.Version+1
	rec.To, rec.Detail = kiosk.TicketStatus(next.Stage), detail
	*it = next
	return rec, nil
}

// step moves the item from one stage to the next; it does nothing from
// any other stage (Apply refuses that).
func (it *Item) step(from, to ItemStage) string {
	if it.Stage == from {
		it.Stage = to
	}
	return ""
}

func (it *Item) link(a ItemAction) (string, error) {
	if it.Stage != StageCollecting {
		return "", refuse(a.Kind, "item.notcollecting", "opinions join an item while it is collecting (it is %s)", it.Stage)
	}
	var added []string
	for _, c := range a.Cases {
		if c != "" && !it.has(c) {
			it.Cases = append(it.Cases, c)
			added = append(added, c)
		}
	}
	if len(added) == 0 {
		return "", refuse(a.Kind, "item.nonew", "no new opinion")
	}
	return strings.Join(added, " "), nil
}

func (it *Item) has(c string) bool {
	for _, x := range it.Cases {
		if x == c {
			return true
		}
	}
	return false
}

func (it *Item) decide(a ItemAction, at time.Time) (string, error) {
	if it.Stage != StageVoting {
		return "", refuse(a.Kind, "item.notvoting", "only an item being voted is decided (it is %s)", it.Stage)
	}
	r := ItemResult{Agree: a.Tally.Counted[OptAgree], Disagree: a.Tally.Counted[OptDisagree],
		Abstain: a.Tally.Counted[OptAbstain], Play: a.Tally.PlayTotal()}
	carried, why := a.Rule.Decide(r)
	it.Result, it.DecidedAt, it.Stage = r, at, StageRejected
	if carried {
		it.Stage = StageAdopted
	}
	return fmt.Sprintf("同意 %d 不同意 %d 弃权 %d（误触 %d）: %s", r.Agree, r.Disagree, r.Abstain, r.Play, why), nil
}

func (it *Item) progress(a ItemAction, w Worker, at time.Time) (string, error) {
	if it.Stage != StageAdopted && it.Stage != StageUnderway {
		return "", refuse(a.Kind, "item.notadopted", "progress is kept for adopted items (it is %s)", it.Stage)
	}
	note, err := workerText(FieldNote, a.Note, MaxNoteRunes, true)
	if err != nil {
		return "", err
	}
	en, err := workerText(FieldNoteEn, a.NoteEn, 2*MaxNoteRunes, false)
	if err != nil {
		return "", err
	}
	if a.Budget < 0 {
		return "", refuse(a.Kind, "item.budget", "a budget is not negative")
	}
	it.Progress = append(it.Progress, Progress{At: at, By: w.ID, Note: note, NoteEn: en, Photo: a.Photo, Budget: a.Budget})
	return note, nil
}

// Budget is the 民生微实事 funds spent on the item so far.
func (it *Item) Budget() int64 {
	var n int64
	for _, p := range it.Progress {
		n += p.Budget
	}
	return n
}
