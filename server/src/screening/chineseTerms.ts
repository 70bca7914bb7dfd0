// Chinese words that Latin list entries write in English (科技 "Technology", 有限公司 "Co., Ltd.")
// or in a conventional spelling that pinyin does not give (哈尔滨 "Harbin", 陕西 "Shaanxi").
// Everything else in a Chinese name is read as pinyin, which is how list entries spell Chinese
// place names and trade names ("Shenzhen Jiayuan Technology"). The values are normalised
// English tokens; an empty value drops the word (市 "city", 省 "province" rarely appear in
// the Latin form of a name).

export const CHINESE_TERMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // legal forms and kinds of organisation
    股份有限公司: 'co ltd',
    有限责任公司: 'co ltd',
    有限公司: 'co ltd',
    集团有限公司: 'group co ltd',
    集团公司: 'group corporation',
    总公司: 'corporation',
    分公司: 'branch',
    公司: 'company',
    集团: 'group',
    控股: 'holdings',
    股份: '',
    有限: 'limited',
    研究所: 'research institute',
    研究院: 'research institute',
    研究中心: 'research center',
    科学院: 'academy of sciences',
    研究: 'research',
    大学: 'university',
    学院: 'institute',
    学校: 'school',
    实验室: 'laboratory',
    中心: 'center',
    工厂: 'factory',
    厂: 'factory',
    医院: 'hospital',
    办事处: 'office',
    代表处: 'representative office',
    协会: 'association',
    基金会: 'foundation',
    银行: 'bank',
    局: 'bureau',
    部: 'department',
    所: 'institute',
    院: 'institute',
    // trades and sectors
    科技: 'technology',
    技术: 'technology',
    高科技: 'high technology',
    高新技术: 'high technology',
    电子: 'electronics',
    微电子: 'microelectronics',
    光电: 'optoelectronics',
    光电子: 'optoelectronics',
    半导体: 'semiconductor',
    集成电路: 'integrated circuit',
    芯片: 'chip',
    信息: 'information',
    信息技术: 'information technology',
    通信: 'communication',
    通讯: 'communication',
    网络: 'network',
    软件: 'software',
    计算机: 'computer',
    数据: 'data',
    智能: 'intelligent',
    人工智能: 'artificial intelligence',
    系统: 'systems',
    工程: 'engineering',
    控制: 'control',
    自动化: 'automation',
    航空: 'aviation',
    航天: 'aerospace',
    航空航天: 'aerospace',
    船舶: 'shipping',
    船务: 'shipping',
    造船: 'shipbuilding',
    重工: 'heavy industry',
    工业: 'industry',
    实业: 'industrial',
    机械: 'machinery',
    机电: 'mechanical electrical',
    设备: 'equipment',
    装备: 'equipment',
    仪器: 'instrument',
    仪表: 'instrument',
    精密: 'precision',
    材料: 'materials',
    新材料: 'new materials',
    化工: 'chemical',
    化学: 'chemical',
    能源: 'energy',
    新能源: 'new energy',
    电力: 'electric power',
    电气: 'electric',
    动力: 'power',
    核: 'nuclear',
    核工业: 'nuclear industry',
    石油: 'petroleum',
    天然气: 'natural gas',
    石化: 'petrochemical',
    钢铁: 'steel',
    金属: 'metals',
    矿业: 'mining',
    制造: 'manufacturing',
    生物: 'biological',
    医药: 'pharmaceutical',
    制药: 'pharmaceutical',
    光学: 'optics',
    激光: 'laser',
    雷达: 'radar',
    导航: 'navigation',
    卫星: 'satellite',
    无人机: 'uav',
    兵器: 'ordnance',
    国防: 'national defense',
    军工: 'military industry',
    国际: 'international',
    贸易: 'trading',
    商贸: 'trading',
    进出口: 'import export',
    物流: 'logistics',
    运输: 'transport',
    海运: 'shipping',
    航运: 'shipping',
    资讯: 'information',
    科学: 'science',
    科学技术: 'science technology',
    领航: 'navigation',
    重工业: 'heavy industry',
    行业: 'trade',
    力量: 'power',
    生物性: 'biological',
    产业: 'industry',
    经商: 'trade',
    外销: 'export',
    进口: 'import',
    出口: 'export',
    后勤: 'logistics',
    工具: 'tools',
    精度: 'precision',
    电子学: 'electronics',
    化学性: 'chemical',
    学园: 'academy',
    能量: 'energy',
    航空业: 'aviation industry',
    沉重: 'heavy',
    聪明: 'intelligent',
    发展: 'development',
    投资: 'investment',
    管理: 'management',
    咨询: 'consulting',
    服务: 'services',
    供应链: 'supply chain',
    // names of the state and its organs
    中华人民共和国: 'china',
    中国: 'china',
    中华: 'china',
    国家: 'national',
    人民: 'people',
    解放军: 'liberation army',
    人民解放军: 'people liberation army',
    公安: 'public security',
    第: '',
    // places whose conventional spelling is not pinyin
    香港: 'hong kong',
    澳门: 'macau',
    台湾: 'taiwan',
    哈尔滨: 'harbin',
    乌鲁木齐: 'urumqi',
    内蒙古: 'inner mongolia',
    西藏: 'tibet',
    陕西: 'shaanxi',
    // administrative suffixes a Latin name leaves out
    市: '',
    省: '',
    自治区: '',
    特别行政区: '',
    新区: '',
    区: '',
    县: '',
  }),
);

/** The longest term, so that segmentation tries no longer slice. */
export const LONGEST_CHINESE_TERM = Math.max(...[...CHINESE_TERMS.keys()].map((k) => k.length));

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * A Chinese numeral at `start` ("十三", "二十", "七〇九", "一百零五") as a number and its length,
 * or undefined. Institutes are numbered so (第十三研究所, "13th Research Institute").
 */
export function readChineseNumber(text: string, start: number): { value: number; length: number } | undefined {
  let i = start;
  let total = 0;
  let current = 0;
  let positional = '';
  let any = false;
  while (i < text.length) {
    const ch = text[i];
    if (ch in DIGITS) {
      current = DIGITS[ch];
      positional += String(DIGITS[ch]);
      any = true;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
      positional = '';
      any = true;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
      positional = '';
      any = true;
    } else break;
    i++;
  }
  if (!any) return undefined;
  const length = i - start;
  // 七〇九 is written digit by digit; 十三 and 一百零五 by place value
  const text2 = text.slice(start, i);
  const value = /[十百]/.test(text2) ? total + current : Number(positional);
  return { value, length };
}
