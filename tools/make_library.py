#!/usr/bin/env python3
"""Writes assets/kpi-library.json: the built-in bilingual KPI catalogue (from the reference
courseware and standard practice). Each entry: category, names, formulas and management meaning
in Chinese and English, unit, polarity, aggregation, frequency, tags."""
import json, os

H, L, C = "higher_is_better", "lower_is_better", "closest_to_target"
S, A, T = "sum", "average", "last"
M, Q, Y, W = "monthly", "quarterly", "yearly", "weekly"

rows = [
# category, zh, en, formula zh, formula en, unit, polarity, aggregation, frequency, meaning zh, meaning en, tags
("sales", "销售收入", "Sales revenue", "报告期内确认的销售收入合计", "Revenue recognised in the period", "万元", H, S, M, "衡量市场开拓与销售能力的核心结果指标。", "The core outcome of selling effort.", ["financial", "lagging", "over_period"]),
("sales", "销售增长率", "Sales growth rate", "(本期销售收入 − 上年同期) ÷ 上年同期 × 100%", "(Revenue − same period last year) ÷ same period last year × 100%", "%", H, A, M, "反映业务扩张速度。", "How fast the business grows.", ["financial", "lagging"]),
("sales", "销售目标达成率", "Sales target achievement", "实际销售额 ÷ 目标销售额 × 100%", "Actual sales ÷ target sales × 100%", "%", H, A, M, "最常用的销售考核指标。", "The everyday sales appraisal figure.", ["financial", "lagging"]),
("sales", "回款及时率", "On-time collection rate", "按期回款金额 ÷ 应回款金额 × 100%", "Collected on time ÷ due × 100%", "%", H, A, M, "控制应收账款风险，保障现金流。", "Protects cash flow from overdue receivables.", ["financial", "leading"]),
("sales", "新客户数", "New customers", "首次成交的客户数", "Customers buying for the first time", "家", H, S, M, "衡量市场开拓成果。", "Result of prospecting.", ["non_financial", "leading"]),
("sales", "客户流失率", "Customer churn rate", "流失客户数 ÷ 期初客户数 × 100%", "Customers lost ÷ customers at start × 100%", "%", L, A, Q, "反映客户关系维护效果。", "How well customer relationships hold.", ["non_financial", "lagging"]),
("sales", "平均订单金额", "Average order value", "销售收入 ÷ 订单数", "Revenue ÷ orders", "元", H, A, M, "反映客户购买力与产品组合。", "Buying power and product mix.", ["financial", "lagging"]),
("sales", "销售费用率", "Selling expense ratio", "销售费用 ÷ 销售收入 × 100%", "Selling expenses ÷ revenue × 100%", "%", L, A, M, "衡量销售投入产出效率。", "Efficiency of selling spend.", ["financial", "leading"]),
("sales", "商机转化率", "Opportunity conversion rate", "成交商机数 ÷ 全部商机数 × 100%", "Won opportunities ÷ all opportunities × 100%", "%", H, A, M, "衡量销售漏斗效率。", "Efficiency of the sales funnel.", ["non_financial", "leading"]),
("sales", "市场占有率", "Market share", "本企业销售额 ÷ 行业销售额 × 100%", "Own sales ÷ market sales × 100%", "%", H, T, Y, "反映行业竞争地位。", "Competitive position in the market.", ["non_financial", "lagging", "point_in_time"]),
("retail", "门店销售额", "Store sales", "门店 POS 实收金额合计", "Store point-of-sale takings", "元", H, S, W, "门店经营的首要结果指标，可按周分解。", "First outcome of a store; split by week.", ["financial", "lagging", "over_period"]),
("retail", "人均单产", "Sales per staff member", "门店销售额 ÷ 在岗店员人数", "Store sales ÷ staff on duty", "元/人", H, S, M, "衡量店员生产力。", "Staff productivity.", ["financial", "lagging"]),
("retail", "成交率", "Conversion rate", "成交顾客数 ÷ 进店顾客数 × 100%", "Buying customers ÷ visitors × 100%", "%", H, A, M, "反映销售技巧与服务水平。", "Selling skill and service.", ["non_financial", "leading"]),
("retail", "客单价", "Average ticket", "销售额 ÷ 成交单数", "Sales ÷ transactions", "元", H, A, M, "反映连带销售与商品组合。", "Add-on selling and product mix.", ["financial", "lagging"]),
("retail", "连带率", "Items per transaction", "销售件数 ÷ 成交单数", "Items sold ÷ transactions", "件/单", H, A, M, "衡量附加推荐能力。", "Cross-selling ability.", ["non_financial", "leading"]),
("retail", "滞销款占比", "Slow-moving items share", "连续 4 周零销售款数 ÷ 在售款数 × 100%", "Styles with no sale for 4 weeks ÷ styles on sale × 100%", "%", L, A, M, "反映商品结构健康度与库存风险。", "Health of the range and stock risk.", ["non_financial", "leading"]),
("retail", "坪效", "Sales per square metre", "门店销售额 ÷ 营业面积", "Store sales ÷ selling area", "元/㎡", H, S, M, "衡量店面空间的产出效率。", "Output of the selling space.", ["financial", "lagging"]),
("retail", "售罄率", "Sell-through rate", "销售件数 ÷ 进货件数 × 100%", "Units sold ÷ units received × 100%", "%", H, A, M, "反映商品适销程度。", "How well the range sells.", ["non_financial", "lagging"]),
("retail", "会员复购率", "Member repurchase rate", "90 天内再次购买会员数 ÷ 活跃会员数 × 100%", "Members buying again within 90 days ÷ active members × 100%", "%", H, A, M, "衡量顾客忠诚度。", "Customer loyalty.", ["non_financial", "lagging"]),
("retail", "库存周转天数", "Days of inventory", "平均库存金额 ÷ 日均销售成本", "Average inventory ÷ daily cost of sales", "天", C, T, M, "库存过高占用资金，过低影响销售，以区间为佳。", "Too high ties up cash, too low loses sales: best within a band.", ["financial", "point_in_time"]),
("retail", "缺货率", "Stock-out rate", "缺货 SKU 数 ÷ 应备 SKU 数 × 100%", "SKUs out of stock ÷ SKUs ranged × 100%", "%", L, A, W, "反映补货及时性。", "Timeliness of replenishment.", ["non_financial", "leading"]),
("retail", "陈列标准达标率", "Display standard compliance", "巡店检查合格项 ÷ 检查项总数 × 100%", "Items passed ÷ items checked × 100%", "%", H, A, M, "保证门店形象与购物体验。", "Store image and shopping experience.", ["non_financial", "leading"]),
("dealership", "试乘试驾邀约率", "Test-drive invitation rate", "邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100%", "Customers invited to test-drive ÷ test-drive customers × 100%", "%", H, A, M, "让销售顾问有效利用试乘试驾活动展示产品给顾客带来的实际使用利益，促进顾客购买。", "Uses test drives to show customers the product's real benefits and move them to buy.", ["non_financial", "leading"]),
("dealership", "试乘试驾满意率", "Test-drive satisfaction", "回访已试乘试驾客户满意数 ÷ 试乘试驾客户数 × 100%", "Satisfied test-drive customers in follow-up calls ÷ test-drive customers × 100%", "%", H, A, M, "了解客户在试乘试驾后对流程及所关注产品的满意度。", "How satisfied customers are with the test drive and the car.", ["non_financial", "lagging"]),
("dealership", "试乘试驾率", "Test-drive rate", "试乘试驾客户数 ÷ 进店客户数 × 100%", "Test-drive customers ÷ showroom visitors × 100%", "%", H, A, M, "衡量产品体验环节的执行。", "How often the product is experienced.", ["non_financial", "leading"]),
("dealership", "来电留档率", "Call capture rate", "留档来电客户数 ÷ 来电客户总数 × 100%", "Callers recorded ÷ all callers × 100%", "%", H, A, M, "衡量来电接听环节获取客户信息的能力。", "Capturing caller details for follow-up.", ["non_financial", "leading"]),
("dealership", "进店成交率", "Showroom closing rate", "成交客户数 ÷ 进店客户数 × 100%", "Buyers ÷ showroom visitors × 100%", "%", H, A, M, "综合反映销售流程执行效果。", "Overall effect of the sales process.", ["non_financial", "lagging"]),
("dealership", "新车销量", "New vehicles sold", "当月新车交车台数", "New vehicles delivered in the month", "台", H, S, M, "经销商最核心的结果指标。", "The dealer's core outcome.", ["quantitative", "lagging", "over_period"]),
("dealership", "单车毛利", "Gross profit per vehicle", "(整车毛利 + 精品及衍生毛利) ÷ 新车销量", "(Vehicle + accessories gross profit) ÷ vehicles sold", "元", H, A, M, "反映盈利质量。", "Quality of profit.", ["financial", "lagging"]),
("dealership", "潜在客户跟踪及时率", "Lead follow-up timeliness", "按期跟踪的潜在客户数 ÷ 应跟踪潜在客户数 × 100%", "Leads followed up on time ÷ leads due × 100%", "%", H, A, M, "防止潜在客户流失。", "Keeps prospects from going cold.", ["non_financial", "leading"]),
("dealership", "交车满意率", "Delivery satisfaction", "交车回访满意客户数 ÷ 交车客户数 × 100%", "Satisfied customers at delivery follow-up ÷ deliveries × 100%", "%", H, A, M, "交车是客户体验的关键时刻。", "Delivery is a moment of truth.", ["non_financial", "lagging"]),
("dealership", "精品渗透率", "Accessory attach rate", "购买精品的客户数 ÷ 成交客户数 × 100%", "Buyers taking accessories ÷ buyers × 100%", "%", H, A, M, "提升单车综合收益。", "Raises revenue per vehicle.", ["financial", "leading"]),
("dealership", "保险续保率", "Insurance renewal rate", "在店续保客户数 ÷ 应续保客户数 × 100%", "Renewals in the dealership ÷ renewals due × 100%", "%", H, A, M, "衡量售后客户保有能力。", "Retention of after-sales customers.", ["non_financial", "lagging"]),
("dealership", "售后回厂率", "Service return rate", "回厂保养客户数 ÷ 应保养客户数 × 100%", "Customers returning for service ÷ due × 100%", "%", H, A, M, "反映客户对售后服务的信任。", "Trust in after-sales service.", ["non_financial", "lagging"]),
("insurance", "三个月转正率", "Three-month retention to regular", "入职满三个月转正人数 ÷ 同期入职人数 × 100%", "Agents made regular after three months ÷ agents hired × 100%", "%", H, A, M, "衡量新人培养与留存。", "Developing and keeping new agents.", ["non_financial", "lagging"]),
("insurance", "脱落率", "Agent drop-out rate", "当期脱落人数 ÷ 期初人力 × 100%", "Agents leaving ÷ agents at start × 100%", "%", L, A, M, "反映队伍稳定性。", "Stability of the sales force.", ["non_financial", "lagging"]),
("insurance", "件均保费", "Average premium per policy", "保费收入 ÷ 承保件数", "Premium ÷ policies written", "元", H, A, M, "反映产品结构与客户质量。", "Product mix and customer quality.", ["financial", "lagging"]),
("insurance", "活动率", "Agent activity rate", "当月有出单的代理人数 ÷ 在册代理人数 × 100%", "Agents writing business ÷ agents on record × 100%", "%", H, A, M, "衡量队伍活跃程度。", "How active the sales force is.", ["non_financial", "leading"]),
("insurance", "人均产能", "Premium per agent", "新单保费 ÷ 平均代理人数", "New premium ÷ average agents", "元/人", H, S, M, "衡量队伍生产力。", "Productivity of the sales force.", ["financial", "lagging"]),
("insurance", "继续率", "Policy persistency (13 months)", "第 13 个月仍有效保单保费 ÷ 承保保费 × 100%", "Premium in force at month 13 ÷ premium written × 100%", "%", H, A, Q, "反映销售质量与客户留存。", "Sales quality and retention.", ["financial", "lagging"]),
("insurance", "新单保费", "New business premium", "当期新承保保单首年保费", "First-year premium of new policies", "万元", H, S, M, "业务增长的核心指标。", "Core measure of new business.", ["financial", "lagging", "over_period"]),
("insurance", "增员数", "Agents recruited", "当期新增签约代理人数", "Agents signed in the period", "人", H, S, M, "队伍发展的先行指标。", "Leading indicator of team growth.", ["non_financial", "leading"]),
("manufacturing", "按时交货率", "On-time delivery", "按合同交期交付的订单数 ÷ 订单总数 × 100%", "Orders delivered by the contract date ÷ orders × 100%", "%", H, A, M, "客户最关注的交付指标。", "What customers notice first.", ["non_financial", "lagging"]),
("manufacturing", "一次交验合格率", "First-pass yield", "一次检验合格批次 ÷ 检验批次 × 100%", "Lots passing first inspection ÷ lots inspected × 100%", "%", H, A, M, "反映过程质量能力。", "Process quality capability.", ["non_financial", "leading"]),
("manufacturing", "产能利用率", "Capacity utilisation", "实际产出工时 ÷ 可用工时 × 100%", "Productive hours ÷ available hours × 100%", "%", C, A, M, "过低浪费产能，过高缺乏弹性，以区间为佳。", "Too low wastes capacity, too high leaves no slack.", ["non_financial", "leading"]),
("manufacturing", "设备综合效率 OEE", "Overall equipment effectiveness", "可用率 × 性能率 × 合格率", "Availability × performance × quality", "%", H, A, M, "综合衡量设备效能。", "Combined effectiveness of equipment.", ["non_financial", "leading"]),
("manufacturing", "单位制造成本", "Unit manufacturing cost", "制造成本 ÷ 产量", "Manufacturing cost ÷ units produced", "元/台", L, A, M, "反映成本控制能力。", "Cost control.", ["financial", "lagging"]),
("manufacturing", "质量损失率", "Cost of poor quality", "内外部质量损失 ÷ 销售收入 × 100%", "Internal and external failure cost ÷ revenue × 100%", "%", L, A, M, "把质量问题换算成钱。", "Quality problems in money.", ["financial", "lagging"]),
("manufacturing", "客户投诉率", "Customer complaint rate", "有效投诉批次 ÷ 交付批次 × 100%", "Valid complaints ÷ deliveries × 100%", "%", L, A, M, "反映交付质量与服务。", "Quality as customers see it.", ["non_financial", "lagging"]),
("manufacturing", "生产计划达成率", "Production plan attainment", "实际完成产量 ÷ 计划产量 × 100%", "Units produced ÷ units planned × 100%", "%", H, A, M, "衡量生产组织能力。", "Production organisation.", ["non_financial", "lagging"]),
("manufacturing", "安全事故数", "Lost-time incidents", "造成停工的安全事故次数", "Safety incidents causing lost time", "次", L, S, M, "安全是生产的底线。", "Safety is the floor of production.", ["non_financial", "lagging"]),
("manufacturing", "新产品销售占比", "New product sales share", "上市三年内新产品销售收入 ÷ 销售收入 × 100%", "Revenue from products launched within 3 years ÷ revenue × 100%", "%", H, A, Q, "衡量新产品生命力。", "Vitality of new products.", ["financial", "lagging"]),
("manufacturing", "研发项目按期完成率", "R&D projects on time", "按期结项的研发项目数 ÷ 计划结项数 × 100%", "R&D projects closed on time ÷ planned × 100%", "%", H, A, Q, "衡量研发管理能力。", "R&D execution.", ["non_financial", "leading"]),
("manufacturing", "原材料库存周转率", "Raw material turnover", "材料消耗金额 ÷ 平均材料库存", "Material consumed ÷ average material stock", "次", H, A, Q, "减少资金占用。", "Less cash tied up in stock.", ["financial", "lagging"]),
("logistics", "完美交付率", "Perfect order rate", "准时、完整、无损、单据正确的订单数 ÷ 订单总数 × 100%", "Orders on time, complete, undamaged, correctly documented ÷ orders × 100%", "%", H, A, M, "综合衡量物流服务质量。", "Overall logistics service quality.", ["non_financial", "lagging"]),
("logistics", "物流成本贡献率", "Logistics cost contribution", "物流成本节约额 ÷ 物流总成本 × 100%", "Logistics cost saved ÷ total logistics cost × 100%", "%", H, A, M, "衡量物流部门对利润的贡献。", "Contribution of logistics to profit.", ["financial", "lagging"]),
("logistics", "投诉处理成功率", "Complaint resolution success", "处理满意的投诉数 ÷ 投诉总数 × 100%", "Complaints resolved to satisfaction ÷ complaints × 100%", "%", H, A, M, "衡量客户问题处理能力。", "Handling of customer problems.", ["non_financial", "lagging"]),
("logistics", "准时送达率", "On-time arrival", "承诺时间内送达票数 ÷ 总票数 × 100%", "Shipments delivered within the promise ÷ shipments × 100%", "%", H, A, M, "客户体验的关键。", "Key to customer experience.", ["non_financial", "lagging"]),
("logistics", "单票运输成本", "Cost per shipment", "运输总成本 ÷ 运输票数", "Transport cost ÷ shipments", "元", L, A, M, "衡量运输效率。", "Transport efficiency.", ["financial", "lagging"]),
("logistics", "车辆装载率", "Vehicle load factor", "实际装载量 ÷ 额定装载量 × 100%", "Load carried ÷ rated capacity × 100%", "%", C, A, M, "提高装载率降低成本，但不超载。", "Higher loads cut cost, within limits.", ["non_financial", "leading"]),
("logistics", "仓库拣货准确率", "Warehouse pick accuracy", "正确拣货行数 ÷ 拣货总行数 × 100%", "Correct pick lines ÷ pick lines × 100%", "%", H, A, M, "减少错发与退货。", "Fewer wrong shipments and returns.", ["non_financial", "leading"]),
("logistics", "库存准确率", "Inventory accuracy", "账实相符库位数 ÷ 盘点库位数 × 100%", "Locations matching records ÷ locations counted × 100%", "%", H, A, Q, "保障可用库存可信。", "Trustworthy stock.", ["non_financial", "leading"]),
("logistics", "货损率", "Damage rate", "货损金额 ÷ 承运货值 × 100%", "Value damaged ÷ value carried × 100%", "%", L, A, M, "反映作业规范性。", "Care in handling.", ["financial", "lagging"]),
("customer", "客户满意度", "Customer satisfaction", "满意度调查平均得分", "Mean score of the satisfaction survey", "分", H, A, Q, "衡量客户对产品与服务的整体评价。", "Customers' overall view of products and service.", ["non_financial", "lagging"]),
("customer", "净推荐值 NPS", "Net promoter score", "推荐者比例 − 贬损者比例", "Promoters % − detractors %", "分", H, A, Q, "衡量客户忠诚与口碑。", "Loyalty and word of mouth.", ["non_financial", "lagging"]),
("customer", "客户保留率", "Customer retention", "期末仍合作的期初客户数 ÷ 期初客户数 × 100%", "Customers kept ÷ customers at start × 100%", "%", H, A, Y, "留住老客户的成本远低于开发新客户。", "Keeping customers costs less than winning them.", ["non_financial", "lagging"]),
("customer", "投诉处理及时率", "Complaint response timeliness", "24 小时内响应的投诉数 ÷ 投诉总数 × 100%", "Complaints answered within 24 h ÷ complaints × 100%", "%", H, A, M, "快速响应减少客户不满扩散。", "Quick answers stop dissatisfaction spreading.", ["non_financial", "leading"]),
("customer", "品牌认知度", "Brand awareness", "目标客户调研中知晓品牌的比例", "Share of target customers who know the brand", "%", H, T, Y, "衡量品牌影响力。", "Reach of the brand.", ["non_financial", "lagging", "point_in_time"]),
("customer", "大客户收入占比", "Key account revenue share", "大客户收入 ÷ 销售收入 × 100%", "Key account revenue ÷ revenue × 100%", "%", C, A, Q, "过高依赖少数客户有风险。", "Too much dependence on a few customers is a risk.", ["financial", "lagging"]),
("hr", "员工满意度", "Employee satisfaction", "员工满意度调查平均分", "Mean score of the employee survey", "分", H, A, Y, "衡量员工对组织的认同。", "Employees' view of the organisation.", ["non_financial", "lagging"]),
("hr", "核心员工流失率", "Key staff turnover", "离职核心员工数 ÷ 核心员工平均人数 × 100%", "Key staff leaving ÷ average key staff × 100%", "%", L, A, Q, "关键人才是组织能力的载体。", "Key people carry the organisation's capability.", ["non_financial", "lagging"]),
("hr", "惋惜流失率", "Regretted attrition", "主动离职的高绩效员工数 ÷ 高绩效员工数 × 100%", "High performers leaving voluntarily ÷ high performers × 100%", "%", L, A, Q, "流失了本不想失去的人才。", "Losing people we wanted to keep.", ["non_financial", "lagging"]),
("hr", "人均培训时数", "Training hours per employee", "培训总时数 ÷ 在岗员工数", "Training hours ÷ headcount", "小时", H, S, M, "衡量人才发展投入。", "Investment in development.", ["non_financial", "leading"]),
("hr", "培训计划完成率", "Training plan completion", "已完成培训项目 ÷ 计划培训项目 × 100%", "Training delivered ÷ training planned × 100%", "%", H, A, Q, "衡量培训执行。", "Delivery of the training plan.", ["non_financial", "leading"]),
("hr", "关键岗位继任率", "Succession coverage", "有合格继任者的关键岗位数 ÷ 关键岗位数 × 100%", "Key roles with a ready successor ÷ key roles × 100%", "%", H, T, Y, "保障组织持续运作。", "Continuity of the organisation.", ["non_financial", "leading", "point_in_time"]),
("hr", "招聘到岗及时率", "Time-to-fill on target", "按期到岗人数 ÷ 需求人数 × 100%", "Hires on time ÷ hires needed × 100%", "%", H, A, M, "保障业务用人。", "People when the business needs them.", ["non_financial", "leading"]),
("hr", "人均效益", "Profit per employee", "利润总额 ÷ 平均员工人数", "Profit ÷ average headcount", "万元/人", H, S, Y, "衡量人力资本回报。", "Return on human capital.", ["financial", "lagging"]),
("hr", "绩效合同签订率", "Performance contract coverage", "签订绩效合同人数 ÷ 应签人数 × 100%", "Staff with a signed contract ÷ staff due × 100%", "%", H, T, Q, "绩效管理落地的前提。", "Precondition for performance management.", ["non_financial", "leading", "point_in_time"]),
("hr", "员工敬业度", "Employee engagement", "敬业度调研得分", "Engagement survey score", "分", H, A, Y, "敬业员工带来更高绩效。", "Engaged people perform better.", ["non_financial", "leading"]),
("finance", "净利润", "Net profit", "利润总额 − 所得税", "Profit before tax − income tax", "万元", H, S, M, "企业经营的最终成果。", "The bottom line.", ["financial", "lagging", "over_period"]),
("finance", "毛利率", "Gross margin", "(销售收入 − 销售成本) ÷ 销售收入 × 100%", "(Revenue − cost of sales) ÷ revenue × 100%", "%", H, A, M, "反映产品盈利能力。", "Profitability of the products.", ["financial", "lagging"]),
("finance", "净资产收益率 ROE", "Return on equity", "净利润 ÷ 平均净资产 × 100%", "Net profit ÷ average equity × 100%", "%", H, A, Q, "衡量股东投资回报。", "Return to shareholders.", ["financial", "lagging"]),
("finance", "总资产周转率", "Asset turnover", "营业收入 ÷ 平均资产总额", "Revenue ÷ average total assets", "次", H, A, Q, "衡量资产使用效率。", "Efficiency of assets.", ["financial", "lagging"]),
("finance", "成本费用利润率", "Profit to cost ratio", "利润总额 ÷ 成本费用总额 × 100%", "Profit ÷ total costs × 100%", "%", H, A, M, "投入产出的综合效率。", "Output per unit of cost.", ["financial", "lagging"]),
("finance", "应收账款周转天数", "Days sales outstanding", "平均应收账款 ÷ 日均销售收入", "Average receivables ÷ daily revenue", "天", L, T, M, "反映资金回笼速度。", "How fast cash comes back.", ["financial", "lagging", "point_in_time"]),
("finance", "经营活动现金流", "Operating cash flow", "经营活动现金流入 − 流出", "Operating cash in − out", "万元", H, S, M, "利润的含金量。", "How real the profit is.", ["financial", "lagging", "over_period"]),
("finance", "预算执行偏差率", "Budget variance", "|实际 − 预算| ÷ 预算 × 100%", "|Actual − budget| ÷ budget × 100%", "%", L, A, M, "衡量预算管理水平。", "Quality of budgeting.", ["financial", "leading"]),
("finance", "资产负债率", "Debt to assets ratio", "负债总额 ÷ 资产总额 × 100%", "Total liabilities ÷ total assets × 100%", "%", C, T, Q, "过高有财务风险，过低未用好杠杆。", "Too high is risky, too low forgoes leverage.", ["financial", "point_in_time"]),
("finance", "EBITDA", "EBITDA", "息税折旧摊销前利润", "Earnings before interest, tax, depreciation and amortisation", "万元", H, S, Q, "衡量主营业务盈利能力。", "Operating profitability.", ["financial", "lagging", "over_period"]),
("process", "流程执行合规率", "Process compliance", "检查合格项 ÷ 检查项总数 × 100%", "Checks passed ÷ checks × 100%", "%", H, A, M, "标准化执行的保障。", "Standard work actually followed.", ["non_financial", "leading"]),
("process", "合同规范使用率", "Contract template compliance", "按规范领用并归档的合同数 ÷ 签订合同总数 × 100%", "Contracts issued and filed by the rules ÷ contracts signed × 100%", "%", H, A, M, "杜绝口头承诺，防范纠纷。", "No verbal promises, fewer disputes.", ["non_financial", "leading"]),
("process", "承诺兑现率", "Promises kept", "已兑现承诺数 ÷ 书面承诺总数 × 100%", "Promises kept ÷ written promises × 100%", "%", H, A, M, "客户信任的基础。", "The basis of trust.", ["non_financial", "lagging"]),
("process", "改善提案数", "Improvement suggestions", "员工提交并采纳的改善提案数", "Improvement ideas submitted and adopted", "项", H, S, M, "持续改进的文化指标。", "A culture of continuous improvement.", ["non_financial", "leading"]),
("process", "信息系统可用率", "System availability", "系统正常运行时间 ÷ 计划运行时间 × 100%", "Uptime ÷ scheduled time × 100%", "%", H, A, M, "数字化运营的基础。", "Basis of digital operations.", ["non_financial", "leading"]),
("process", "订单处理周期", "Order cycle time", "从下单到发货的平均时长", "Mean time from order to dispatch", "小时", L, A, M, "衡量内部响应速度。", "Speed of internal response.", ["non_financial", "leading"]),
]

out = []
for i, r in enumerate(rows, 1):
    cat, zh, en, fzh, fen, unit, pol, agg, freq, mzh, men, tags = r
    out.append({
        "id": f"lib-{i:03d}", "category": cat,
        "name": {"zh": zh, "en": en}, "formula": {"zh": fzh, "en": fen}, "meaning": {"zh": mzh, "en": men},
        "unit": unit, "polarity": pol, "aggregation": agg, "frequency": freq, "tags": tags,
    })
path = os.path.join(os.path.dirname(__file__), "..", "assets", "kpi-library.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(out), "KPIs")
