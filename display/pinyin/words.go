package pinyin

// CommunityWords are words residents of an urban village write about their
// street: learned by the keyboard so that the second character of each comes
// first (Composer.Learn). The kiosk adds its topics' preset phrases.
const CommunityWords = `垃圾 清理 清运 卫生 环境 臭味 蚊子 老鼠 下水道 堵塞 停车 车位 乱停 电动车 充电 消防 通道 安全 噪音 扰民
路灯 路面 破损 积水 下雨 漏水 水管 停水 停电 电线 网线 房东 房租 押金 租房 维修 物业 楼道 楼下 楼上 楼顶
我们 你们 他们 大家 社区 工作站 网格员 社工 小区 孩子 小孩 老人 学校 上学 医院 看病 希望 建议 问题 处理 解决
管理 及时 马上 尽快 晚上 白天 早上 每天 已经 没有 不能 可以 需要 谢谢 麻烦 帮忙 活动 图书 读书 篮球场 公园 花园`
