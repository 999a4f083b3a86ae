package booth

import "strings"

// Prompt names one of the booth's fixed prompts: the sentences a voice
// pack records.
type Prompt string

// The fixed prompts, in the order a voice pack lists them.
const (
	Welcome        Prompt = "welcome"
	Menu           Prompt = "menu"
	Invalid        Prompt = "invalid"
	StillThere     Prompt = "still_there"
	Goodbye        Prompt = "goodbye"
	Louder         Prompt = "louder"
	Normal         Prompt = "normal"
	RateQuestion   Prompt = "rate_question"
	RateAnswers    Prompt = "rate_answers"
	RateThanks     Prompt = "rate_thanks"
	RateFailed     Prompt = "rate_failed"
	WallIntro      Prompt = "wall_intro"
	WallKeys       Prompt = "wall_keys"
	WallEmpty      Prompt = "wall_empty"
	WallEnd        Prompt = "wall_end"
	LookupAsk      Prompt = "lookup_ask"
	LookupConfirm  Prompt = "lookup_confirm"
	LookupWait     Prompt = "lookup_wait"
	LookupBad      Prompt = "lookup_bad"
	LookupNotFound Prompt = "lookup_not_found"
	LookupOffline  Prompt = "lookup_offline"
	LookupAgain    Prompt = "lookup_again"
	VoiceIntro     Prompt = "voice_intro"
	VoiceSilent    Prompt = "voice_silent"
	VoiceShort     Prompt = "voice_short"
	VoiceSaved     Prompt = "voice_saved"
	VoiceAgain     Prompt = "voice_again"
	VoiceFailed    Prompt = "voice_failed"
	VoiceOff       Prompt = "voice_off"
)

// Prompts are the fixed prompts and their words, in the order a voice pack
// lists them.
var Prompts = []struct {
	ID   Prompt
	Text string
}{
	{Welcome, "您好，这里是社区电话亭。"},
	{Menu, "评价服务请按1，听回复墙请按2，查询回执请按3，给社区留言请按4，重听请按星号键，调大音量请按0。"},
	{Invalid, "这个按键没有用，请再按一次。"},
	{StillThere, "还在吗？"},
	{Goodbye, "再见，欢迎再来。"},
	{Louder, "已调大音量。"},
	{Normal, "已恢复正常音量。"},
	{RateQuestion, "您对社区的服务满意吗？"},
	{RateAnswers, "很不满意请按1，不满意请按2，满意请按3，很满意请按4，返回请按星号键。"},
	{RateThanks, "谢谢您的评价。"},
	{RateFailed, "评价没有保存成功，请稍后再试。"},
	{WallIntro, "下面为您读回复墙。"},
	{WallKeys, "下一条请按1，重听请按2，返回请按星号键。"},
	{WallEmpty, "回复墙上暂时没有回复。"},
	{WallEnd, "回复已经读完了。"},
	{LookupAsk, "请输入回执上的九位号码。"},
	{LookupConfirm, "确认请按井号键，重新输入请按星号键。"},
	{LookupWait, "正在查询，请稍候。"},
	{LookupBad, "这个号码不对，请核对回执后重新输入。"},
	{LookupNotFound, "没有找到这个号码，请核对回执。"},
	{LookupOffline, "现在查不到这个号码，请稍后再试。"},
	{LookupAgain, "重听请按1，返回请按星号键。"},
	{VoiceIntro, "请在嘀声后说出您的意见，说完请挂机或按井号键。"},
	{VoiceSilent, "没有听到您的声音，留言没有保存。"},
	{VoiceShort, "留言太短，没有保存。"},
	{VoiceSaved, "留言已经保存。"},
	{VoiceAgain, "再说一遍。"},
	{VoiceFailed, "留言没有保存成功，请稍后再试，或者到社区工作站反映。"},
	{VoiceOff, "这个电话亭暂时不能留言。"},
}

// Text returns the words of p.
func (p Prompt) Text() string {
	for _, x := range Prompts {
		if x.ID == p {
			return x.Text
		}
	}
	return ""
}

// digitWords are the digits as a caller hears them read one by one.
var digitWords = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// Digits spells a code digit by digit, in groups of three as the receipt
// prints it: "一 二 三，四 五 六，七 八 九".
func Digits(code string) string {
	var b strings.Builder
	n := 0
	for _, r := range code {
		if r < '0' || r > '9' {
			continue
		}
		if n > 0 {
			if n%3 == 0 {
				b.WriteString("，")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(digitWords[r-'0'])
		n++
	}
	return b.String()
}
