/** Words the demo data is made of: names with pinyin, companies, places, products, tags. */

/** Common surnames with their pinyin (the top of the mainland's list). */
export const SURNAMES: readonly (readonly [string, string])[] = [
	['王', 'wang'],
	['李', 'li'],
	['张', 'zhang'],
	['刘', 'liu'],
	['陈', 'chen'],
	['杨', 'yang'],
	['黄', 'huang'],
	['赵', 'zhao'],
	['吴', 'wu'],
	['周', 'zhou'],
	['徐', 'xu'],
	['孙', 'sun'],
	['马', 'ma'],
	['朱', 'zhu'],
	['胡', 'hu'],
	['郭', 'guo'],
	['何', 'he'],
	['林', 'lin'],
	['高', 'gao'],
	['罗', 'luo'],
	['郑', 'zheng'],
	['梁', 'liang'],
	['谢', 'xie'],
	['宋', 'song'],
	['唐', 'tang'],
	['许', 'xu'],
	['韩', 'han'],
	['冯', 'feng'],
	['邓', 'deng'],
	['曹', 'cao']
];

export const GIVEN_CHARS: readonly (readonly [string, string])[] = [
	['伟', 'wei'],
	['芳', 'fang'],
	['娜', 'na'],
	['敏', 'min'],
	['静', 'jing'],
	['丽', 'li'],
	['强', 'qiang'],
	['磊', 'lei'],
	['军', 'jun'],
	['洋', 'yang'],
	['勇', 'yong'],
	['艳', 'yan'],
	['杰', 'jie'],
	['娟', 'juan'],
	['涛', 'tao'],
	['明', 'ming'],
	['超', 'chao'],
	['秀', 'xiu'],
	['霞', 'xia'],
	['平', 'ping'],
	['刚', 'gang'],
	['桂', 'gui'],
	['文', 'wen'],
	['华', 'hua'],
	['建', 'jian'],
	['国', 'guo'],
	['玉', 'yu'],
	['兰', 'lan'],
	['晓', 'xiao'],
	['宇', 'yu'],
	['浩', 'hao'],
	['欣', 'xin'],
	['婷', 'ting'],
	['思', 'si'],
	['雨', 'yu'],
	['佳', 'jia']
];

export const ENGLISH_FIRST = [
	'Olivia',
	'Liam',
	'Emma',
	'Noah',
	'Amelia',
	'Oliver',
	'Sophia',
	'James',
	'Mia',
	'Lucas',
	'Grace',
	'Ethan',
	'Chloe',
	'Daniel',
	'Hannah',
	'David',
	'Sarah',
	'Michael',
	'Anna',
	'Thomas'
] as const;

export const ENGLISH_LAST = [
	'Smith',
	'Johnson',
	'Brown',
	'Taylor',
	'Wilson',
	'Evans',
	'Walker',
	'Wright',
	'Hughes',
	'Green',
	'Clarke',
	'Hall',
	'Wood',
	'Turner',
	'Parker',
	'Cooper',
	'Morgan',
	'Bennett'
] as const;

/** Company name parts: a trade name (with pinyin for web domains) and a business. */
export const TRADE_NAMES: readonly (readonly [string, string])[] = [
	['华盛', 'huasheng'],
	['鼎新', 'dingxin'],
	['恒通', 'hengtong'],
	['瑞丰', 'ruifeng'],
	['启明', 'qiming'],
	['嘉禾', 'jiahe'],
	['远航', 'yuanhang'],
	['金桥', 'jinqiao'],
	['同创', 'tongchuang'],
	['安泰', 'antai'],
	['博远', 'boyuan'],
	['信达', 'xinda'],
	['宏图', 'hongtu'],
	['天成', 'tiancheng'],
	['明远', 'mingyuan'],
	['众邦', 'zhongbang']
];

export const BUSINESSES = [
	'贸易有限公司',
	'科技有限公司',
	'餐饮管理有限公司',
	'建材商行',
	'医疗器械有限公司',
	'电子商务有限公司',
	'家居有限公司',
	'物流有限公司',
	'农业发展有限公司',
	'文化传媒有限公司'
] as const;

export const ENGLISH_COMPANIES = [
	'Northwind Traders',
	'Blue Harbour Foods',
	'Summit Medical',
	'Redwood Interiors',
	'Lumen Electronics',
	'Silk Road Logistics',
	'Evergreen Farms',
	'Brightline Media'
] as const;

export const OCCUPATIONS = [
	'采购经理',
	'总经理',
	'店长',
	'财务主管',
	'行政主管',
	'工程师',
	'医生',
	'教师',
	'个体经营',
	'Purchasing manager',
	'Owner',
	'Office manager'
] as const;

/** Provinces with a city, its districts and its rough centre (lat, lng). */
export const PLACES: readonly {
	province: string;
	city: string;
	districts: readonly string[];
	lat: number;
	lng: number;
}[] = [
	{
		province: '北京市',
		city: '北京市',
		districts: ['朝阳区', '海淀区', '东城区'],
		lat: 39.9,
		lng: 116.4
	},
	{
		province: '上海市',
		city: '上海市',
		districts: ['浦东新区', '徐汇区', '静安区'],
		lat: 31.23,
		lng: 121.47
	},
	{
		province: '广东省',
		city: '广州市',
		districts: ['天河区', '越秀区', '番禺区'],
		lat: 23.13,
		lng: 113.26
	},
	{
		province: '广东省',
		city: '深圳市',
		districts: ['南山区', '福田区', '宝安区'],
		lat: 22.54,
		lng: 114.06
	},
	{
		province: '浙江省',
		city: '杭州市',
		districts: ['西湖区', '滨江区', '余杭区'],
		lat: 30.27,
		lng: 120.16
	},
	{
		province: '江苏省',
		city: '南京市',
		districts: ['鼓楼区', '玄武区', '江宁区'],
		lat: 32.06,
		lng: 118.8
	},
	{
		province: '江苏省',
		city: '苏州市',
		districts: ['姑苏区', '工业园区', '吴中区'],
		lat: 31.3,
		lng: 120.59
	},
	{
		province: '四川省',
		city: '成都市',
		districts: ['锦江区', '武侯区', '高新区'],
		lat: 30.57,
		lng: 104.07
	},
	{
		province: '湖北省',
		city: '武汉市',
		districts: ['江汉区', '武昌区', '洪山区'],
		lat: 30.59,
		lng: 114.31
	},
	{
		province: '山东省',
		city: '青岛市',
		districts: ['市南区', '崂山区', '黄岛区'],
		lat: 36.07,
		lng: 120.38
	},
	{
		province: '陕西省',
		city: '西安市',
		districts: ['雁塔区', '碑林区', '未央区'],
		lat: 34.34,
		lng: 108.94
	},
	{
		province: '福建省',
		city: '厦门市',
		districts: ['思明区', '湖里区', '集美区'],
		lat: 24.48,
		lng: 118.09
	},
	{
		province: '湖南省',
		city: '长沙市',
		districts: ['岳麓区', '芙蓉区', '天心区'],
		lat: 28.23,
		lng: 112.94
	},
	{
		province: '河南省',
		city: '郑州市',
		districts: ['金水区', '二七区', '郑东新区'],
		lat: 34.75,
		lng: 113.62
	},
	{
		province: '辽宁省',
		city: '沈阳市',
		districts: ['和平区', '沈河区', '浑南区'],
		lat: 41.8,
		lng: 123.43
	},
	{
		province: '云南省',
		city: '昆明市',
		districts: ['五华区', '盘龙区', '官渡区'],
		lat: 25.04,
		lng: 102.71
	}
];

export const STREETS = [
	'人民路',
	'中山路',
	'解放路',
	'建设路',
	'文化路',
	'长江路',
	'和平路',
	'新华路',
	'科技路',
	'滨河路'
] as const;

/** Products with a list price in CNY. */
export const PRODUCTS: readonly (readonly [string, number])[] = [
	['商用净水器', 2680],
	['滤芯套装', 368],
	['智能门锁', 1299],
	['空气净化器', 1899],
	['办公椅', 899],
	['茶叶礼盒', 268],
	['保温杯', 89.9],
	['LED 灯具', 156.5],
	['打印纸 A4 (箱)', 139],
	['安装服务', 200],
	['延保一年', 399],
	['Coffee machine', 3499]
];

export const TAGS = [
	'VIP',
	'老客户',
	'价格敏感',
	'决策人',
	'需回访',
	'团购',
	'线上',
	'展会',
	'转介绍',
	'大客户',
	'wholesale',
	'urgent'
] as const;

export const NOTES = [
	'喜欢下午拜访，提前一天电话确认。',
	'对售后响应速度要求高。',
	'预算在下季度审批，保持跟进。',
	'Prefers WeChat messages to calls.',
	'上次展会认识，对新品感兴趣。',
	'Decision maker is the finance director.'
] as const;

export const VISIT_OUTCOMES = [
	'达成意向',
	'需要报价',
	'暂无需求',
	'已下单',
	'Sent a quote',
	'Demo booked'
] as const;

export const SERVICE_DETAILS = [
	'设备安装调试',
	'滤芯更换咨询',
	'门锁无法识别指纹',
	'发票信息修改',
	'配送延迟投诉',
	'Warranty question'
] as const;

export const CAMPAIGNS: readonly (readonly [
	string,
	'discount' | 'gift' | 'event' | 'email' | 'other'
])[] = [
	['双十一满减', 'discount'],
	['春节礼盒赠送', 'gift'],
	['新品品鉴会', 'event'],
	['老客户回馈邮件', 'email'],
	['618 大促', 'discount'],
	['中秋客户答谢', 'gift'],
	['门店开业活动', 'event'],
	['Spring newsletter', 'email']
];
