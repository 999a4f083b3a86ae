CREATE TABLE class_targets (
	matter        TEXT   PRIMARY KEY,
	first_reply_s BIGINT NOT NULL,
	close_s       BIGINT NOT NULL
);

CREATE TABLE reply_templates (
	pos  BIGINT PRIMARY KEY,
	text TEXT   NOT NULL
);
INSERT INTO reply_templates (pos, text) VALUES
	(1, '您好，已收到您的意见，我们会尽快处理，谢谢反映。'),
	(2, '已安排工作人员上门查看，处理后会再告知您。'),
	(3, '此事已转交相关部门办理，办结后会在这里回复您。'),
	(4, '此事属于居民自己商量解决的事项，社区可以提供调解室，欢迎来工作站预约。'),
	(5, '已处理完毕，如仍有问题请再到意见墙告诉我们。');
