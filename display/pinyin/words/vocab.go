package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Governance are words residents write about their community and its
// governance, boosted above the dictionary's order. With the kiosk's own
// vocabulary (topics, phrases, streets, buildings) passed to New.
const Governance = `居委会 居民 网格员 网格 物业 房东 租客 垃圾 路灯 停车 消防 议事 议事会 社区 工作站 社工
业委会 楼长 楼栋 电梯 楼道 楼下 楼上 水管 漏水 停水 停电 电线 噪音 扰民 卫生 清理 清运 环境 老鼠 蚊子
下水道 堵塞 车位 乱停 电动车 充电 通道 安全 房租 押金 租房 维修 维权 投诉 建议 意见 反映 解决 处理
城中村 街道 小区 门口 巷子 垃圾桶 化粪池 积水 路面 破损 井盖 绿化 健身 老人 孩子 学校 医院 看病
希望 麻烦 谢谢 及时 尽快 马上 每天 晚上 已经 没有 没人 坏了 不亮 不能 可以 需要`

// usual are second readings of common characters that are as usual as
// their first one in go-pinyin's order (地 as de, 长 as cháng): without
// them their first reading alone would count as usual. Editorial, from the
// readings in Xiandai Hanyu Cidian; tested to be readings go-pinyin has.
var usual = setOf(`地de 得dei 了liao 行hang 长chang 还huan 重chong 着zhao 着zhuo 都du 和huo 乐yue
觉jiao 会kuai 大dai 没mo 便pian 朝zhao 传zhuan 调tiao 差chai 数shuo 曾zeng 省xing 角jue 奇ji
露lou 给ji 系ji 藏zang 降xiang`)

func setOf(list string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(list) {
		m[f] = true
	}
	return m
}

// learn adds one item of the community's vocabulary.
func (e *Engine) learn(item string) {
	parts := strings.FieldsFunc(item, func(r rune) bool { return !e.isHan(r) })
	for _, part := range parts {
		n := utf8.RuneCountInString(part)
		if n >= 2 && n <= maxChars {
			e.addWord(part)
		}
		words := e.segment(part)
		for i, w := range words {
			if utf8.RuneCountInString(w) >= 2 {
				e.boost[w] = true
			}
			if i > 0 && !containsStr(e.follow[words[i-1]], w) {
				e.follow[words[i-1]] = append(e.follow[words[i-1]], w)
			}
		}
	}
}

func (e *Engine) isHan(r rune) bool { return e.ix.char(r) != nil && unicode.Is(unicode.Han, r) }

// addWord makes part a boosted word, a new one if the dictionary lacks it.
func (e *Engine) addWord(part string) {
	e.boost[part] = true
	if _, ok := e.ix.lookup(part); ok {
		return
	}
	first, _ := utf8.DecodeRuneInString(part)
	if !containsStr(e.extra[first], part) {
		e.extra[first] = append(e.extra[first], part)
	}
}

// segment splits a run of hanzi into dictionary (or community) words,
// longest first from the left; a character no word starts stands alone.
func (e *Engine) segment(s string) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i < len(rs); {
		n := 1
		for l := min(4, len(rs)-i); l >= 2; l-- {
			w := string(rs[i : i+l])
			if _, ok := e.ix.lookup(w); ok {
				n = l
				break
			}
		}
		out = append(out, string(rs[i:i+n]))
		i += n
	}
	return out
}

// lookup finds a dictionary word of 2 to 4 characters.
func (ix *index) lookup(w string) (int32, bool) {
	first, _ := utf8.DecodeRuneInString(w)
	c := ix.char(first)
	n := utf8.RuneCountInString(w)
	if c == nil || n < 2 || n > 4 {
		return 0, false
	}
	for i := c.runs[n-2]; i < c.runs[n-1]; i++ {
		if ix.word(i) == w {
			return i, true
		}
	}
	return 0, false
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
