//! Every text the product shows or writes — window, command line, exports, engine messages — in
//! English and Chinese, in one table. The macro makes a missing translation a compile error;
//! the tests below check that the Chinese really is Chinese and that both languages take the same
//! `{parameters}`, and `tests/i18n.rs` that no code outside this file picks between languages.
//!
//! A text with parameters is written with named holes, `"Saved {name}"`, and filled by `tr!`:
//! `tr!(lang, Saved, name = file)`.

use super::Lang;

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A translatable text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];

            pub fn en(self) -> &'static str {
                match self { $(T::$key => $en),* }
            }

            pub fn zh(self) -> &'static str {
                match self { $(T::$key => $zh),* }
            }

            /// The entry's name in this table, as code writes it after `T::` or in `tr!`.
            pub fn key(self) -> &'static str {
                match self { $(T::$key => stringify!($key)),* }
            }
        }
    };
}

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en(),
            Lang::Zh => self.zh(),
        }
    }

    /// January to December, short: "Jan" / "1月".
    pub const MONTHS_SHORT: [T; 12] = [
        T::MonthShort1,
        T::MonthShort2,
        T::MonthShort3,
        T::MonthShort4,
        T::MonthShort5,
        T::MonthShort6,
        T::MonthShort7,
        T::MonthShort8,
        T::MonthShort9,
        T::MonthShort10,
        T::MonthShort11,
        T::MonthShort12,
    ];

    /// The text with its `{name}` holes filled from `args`. A hole without an argument stays as
    /// written (and fails a debug assertion), so a mistake shows rather than vanishing.
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let template = self.get(lang);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => {
                            use std::fmt::Write;
                            let _ = write!(out, "{v}");
                        }
                        None => {
                            debug_assert!(false, "{self:?} has no argument for {{{name}}}");
                            out.push_str(&rest[open..open + close + 2]);
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The names of the `{holes}` of the text in one language.
    pub fn holes(self, lang: Lang) -> Vec<&'static str> {
        let mut v = Vec::new();
        let mut rest = self.get(lang);
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            v.push(&after[..close]);
            rest = &after[close + 1..];
        }
        v.sort_unstable();
        v.dedup();
        v
    }
}

texts! {
    AppTitle => "Scorecard Studio", "平衡计分卡设计器";
    // Menus
    MenuFile => "File", "文件";
    MenuEdit => "Edit", "编辑";
    MenuView => "View", "视图";
    MenuInsert => "Insert", "插入";
    MenuExport => "Export", "导出";
    MenuHelp => "Help", "帮助";
    MenuLanguage => "Language", "语言";
    MenuRecent => "Open recent", "最近打开";
    MenuTheme => "Theme", "主题";
    MenuScale => "Text size", "文字大小";
    NoRecent => "No recent files", "没有最近打开的文件";
    // Actions
    ActNew => "New", "新建";
    ActNewFromTemplate => "New from template…", "从模板新建…";
    ActOpen => "Open…", "打开…";
    ActSave => "Save", "保存";
    ActSaveAs => "Save as…", "另存为…";
    ActQuit => "Quit", "退出";
    ActUndo => "Undo", "撤销";
    ActRedo => "Redo", "重做";
    ActPalette => "Command palette…", "命令面板…";
    ActDelete => "Delete", "删除";
    ActShowMap => "Strategy map", "战略地图";
    ActShowKpis => "KPIs", "指标";
    ActShowCascade => "Cascade", "指标分解";
    ActShowData => "Data & charts", "数据与图表";
    ActShowDashboard => "Dashboard", "仪表盘";
    ActFindings => "Findings", "检查结果";
    ActZoomIn => "Larger text", "放大文字";
    ActZoomOut => "Smaller text", "缩小文字";
    ActZoomReset => "Normal text size", "默认文字大小";
    ActLight => "Light", "浅色";
    ActDark => "Dark", "深色";
    ActAddObjective => "Objective", "战略目标";
    ActAddKpi => "KPI", "指标";
    ActAddPerspective => "Perspective", "维度";
    ActAddTheme => "Strategic theme", "战略主题";
    ActAddDepartment => "Department", "部门";
    ActAddInitiative => "Initiative", "行动方案";
    ActPrevPeriod => "Previous period", "上一期";
    ActNextPeriod => "Next period", "下一期";
    ActAbout => "About", "关于";
    ActPresentation => "Presentation mode", "演示模式";
    ActZoomToFit => "Zoom to fit", "适应窗口";
    ActAutoLayout => "Auto-layout", "自动布局";
    ActExportMapSvg => "Strategy map as SVG…", "战略地图（SVG）…";
    ActExportMapPng => "Strategy map as PNG…", "战略地图（PNG）…";
    ActExportMapPdf => "Strategy map as PDF (A4)…", "战略地图（PDF，A4）…";
    ActExportContracts => "Performance contracts (HTML)…", "绩效合同（HTML）…";
    ActExportXlsx => "Scorecard and data (XLSX)…", "计分卡与数据（XLSX）…";
    ActExportCsv => "Data (CSV)…", "数据（CSV）…";
    ActExportReviewPack => "Review pack (PDF)…", "经营分析报告（PDF）…";
    ActExportReviewPackHtml => "Review pack (HTML)…", "经营分析报告（HTML）…";
    ActExportReviewPackTip => "Cover, map, scorecard, every red and amber KPI with its trend, commentary and why, initiatives and departments, for the period viewed", "封面、战略地图、计分卡、每个红黄灯指标的趋势、分析说明与原因、行动方案和各部门，按当前期间生成";
    ActImport => "Import actuals…", "导入实际值…";
    // Shell
    Perspectives => "Perspectives", "维度";
    Objectives => "Objectives", "战略目标";
    Kpis => "KPIs", "指标";
    Departments => "Departments", "部门";
    Initiatives => "Initiatives", "行动方案";
    Themes => "Strategic themes", "战略主题";
    Links => "Cause-and-effect links", "因果关系";
    Unsaved => "unsaved", "未保存";
    Saved => "saved", "已保存";
    Period => "Period", "期间";
    Errors => "errors", "错误";
    Warnings => "warnings", "警告";
    Hints => "hints", "提示";
    NothingSelected => "Select an item in the navigator or a view to edit it here.", "在导航或视图中选择一个项目，即可在此编辑。";
    Search => "Search…", "搜索…";
    NoMatches => "No matching commands", "没有匹配的命令";
    Loading => "Opening", "正在打开";
    Saving => "Saving", "正在保存";
    Exporting => "Exporting", "正在导出";
    WaitingForDialog => "Waiting for the file dialog…", "等待文件对话框…";
    // Dialogs
    UnsavedTitle => "Unsaved changes", "未保存的更改";
    UnsavedBody => "Save the changes to this project first?", "是否先保存对此项目的更改？";
    SaveAndContinue => "Save", "保存";
    DontSave => "Don't save", "不保存";
    Cancel => "Cancel", "取消";
    Ok => "OK", "确定";
    Close => "Close", "关闭";
    OpenFailedTitle => "The file could not be opened", "无法打开文件";
    OpenFailedBody => "The project on screen has not changed.", "当前项目未作任何更改。";
    SaveFailedTitle => "The file could not be written", "无法写入文件";
    ChangedOnDiskTitle => "The file changed on disk", "文件已在磁盘上被修改";
    ChangedOnDiskBody => "Another program changed this file after you opened it. Overwrite it with your version, or save yours under another name?", "打开后，此文件已被其他程序修改。要用您的版本覆盖它，还是另存为新文件？";
    SaveAnyway => "Overwrite", "覆盖";
    PathOpenTitle => "Open a project file", "打开项目文件";
    PathSaveTitle => "Save the project as", "项目另存为";
    PathExportTitle => "Export to", "导出到";
    PathLabel => "File path", "文件路径";
    PathHint => "No file dialog is available on this desktop; type the full path of the file.", "此桌面环境没有文件对话框，请输入文件的完整路径。";
    Open => "Open", "打开";
    RecoverTitle => "Recover unsaved work", "恢复未保存的工作";
    RecoverBody => "Scorecard Studio did not close normally last time. These unsaved projects were kept:", "上次平衡计分卡设计器未正常关闭，以下未保存的项目已保留：";
    Recover => "Recover", "恢复";
    Discard => "Discard", "放弃";
    UntitledProject => "untitled project", "未命名项目";
    TemplateTitle => "New from template", "从模板新建";
    TemplateBody => "Start from a sample project. The new project is untitled until you save it.", "以示例项目为起点。新项目保存前为未命名。";
    BlankProject => "Blank scorecard (four perspectives)", "空白计分卡（四个维度）";
    AboutBody => "A balanced-scorecard designer: strategy maps, KPIs, cascade, actuals and scores that explain themselves.", "平衡计分卡设计工具：战略地图、指标、分解、实际值，以及可解释的得分。";
    // Inspector fields
    Name => "Name", "名称";
    Code => "Code", "代码";
    Description => "Description", "描述";
    Definition => "Definition and meaning", "定义与意义";
    Formula => "Formula", "计算公式";
    Unit => "Unit", "单位";
    Polarity => "Polarity", "极性";
    HigherIsBetter => "Higher is better", "越高越好";
    LowerIsBetter => "Lower is better", "越低越好";
    ClosestToTarget => "Closest to target (趋中)", "趋中（越接近目标越好）";
    Frequency => "Frequency", "考核周期";
    NotSet => "Not set", "未设置";
    Weekly => "Weekly", "每周";
    Monthly => "Monthly", "每月";
    Quarterly => "Quarterly", "每季度";
    HalfYearly => "Half-yearly", "每半年";
    Yearly => "Yearly", "每年";
    Aggregation => "Aggregation", "汇总方式";
    AggSum => "Sum", "求和";
    AggAverage => "Average", "平均";
    AggLast => "Last value", "期末值";
    Baseline => "Baseline", "基线值";
    Target => "Target", "目标值";
    Stretch => "Stretch", "挑战值";
    Min => "Min", "最小值";
    Max => "Max", "最大值";
    BandBelow => "Band below target", "目标下方允许偏差";
    BandAbove => "Band above target", "目标上方允许偏差";
    Weight => "Weight", "权重";
    Owner => "Owner", "责任人";
    DataSource => "Data source", "数据来源";
    Tags => "Type", "指标类型";
    Perspective => "Perspective", "维度";
    Theme => "Theme", "战略主题";
    NoTheme => "No theme", "无主题";
    Objective => "Objective", "战略目标";
    Department => "Department", "部门";
    Colour => "Colour", "颜色";
    Head => "Head", "负责人";
    Kind => "Kind", "类型";
    Parent => "Parent", "上级";
    NoParent => "None (top level)", "无（顶层）";
    KindCompany => "Company", "公司";
    KindDivision => "Division", "事业部";
    KindDepartment => "Department", "部门";
    KindTeam => "Team", "团队";
    KindRole => "Role", "岗位";
    ScoringMethod => "Scoring method", "计分方法";
    ProjectDefault => "Project default", "项目默认";
    MethodRatio => "Achievement ratio (A/T)", "达成率（A/T）";
    MethodSignSafe => "Sign-safe achievement", "符号安全达成率";
    MethodProgress => "Progress from baseline", "基线进度法";
    MethodRange => "Range normalisation", "区间归一化";
    MethodBands => "Threshold bands", "分段计分";
    MethodPoints => "Points with cap", "加减分封顶";
    MethodClosest => "Closest to target", "趋中计分";
    MethodBinary => "Binary (met / not met)", "是否达成";
    Step => "Step (%)", "步长（%）";
    Points => "Points per step", "每步分值";
    Cap => "Cap", "上限";
    Floor => "Floor", "下限";
    Falloff => "Falls to 0 over", "降至 0 的偏差";
    Status => "Status", "状态";
    Score => "Score", "得分";
    Actual => "Actual", "实际值";
    Note => "Note", "备注";
    Excluded => "Excluded from roll-ups", "不参与汇总";
    RollUp => "Roll-up", "汇总方式";
    RollWeighted => "Weighted average", "加权平均";
    RollAverage => "Unweighted average", "简单平均";
    RollWorst => "Worst child", "取最差";
    RollSum => "Sum", "求和";
    Cascade => "Cascade", "分解关系";
    CascadeNone => "Not linked", "未关联";
    CascadeDecompose => "Decomposes KPI", "分解自指标";
    CascadeAlign => "Aligns to objective", "支撑战略目标";
    Share => "Share of parent target", "占上级目标比例";
    Problem => "Root problem (根源问题)", "根源问题";
    Direction => "Improvement direction (改善方向)", "改善方向";
    Responsible => "Responsible (责任对象)", "责任对象";
    Tools => "Tools / methods (工具/方法)", "工具/方法";
    Start => "Start", "开始";
    End => "End", "结束";
    Budget => "Budget", "预算";
    Progress => "Progress (%)", "进度（%）";
    InitStatus => "Status", "状态";
    StatusPlanned => "Planned", "计划中";
    StatusInProgress => "In progress", "进行中";
    StatusOnHold => "On hold", "暂停";
    StatusDone => "Done", "已完成";
    StatusCancelled => "Cancelled", "已取消";
    From => "From", "从";
    To => "To", "到";
    Label => "Label", "标签";
    Organisation => "Organisation", "组织";
    Currency => "Currency", "货币";
    ProjectSettings => "Project", "项目";
    MissingData => "Missing data", "缺失数据";
    MissingSkip => "Skip and renormalise", "跳过并重新归一";
    MissingZero => "Count as zero", "按零计";
    MissingCarry => "Carry last value forward", "沿用上期值";
    ClampMin => "Score floor (%)", "得分下限（%）";
    ClampMax => "Score cap (%)", "得分上限（%）";
    StatusRules => "Status rules (first match wins)", "状态规则（按顺序，先匹配先生效）";
    Why => "How it is computed", "计算过程";
    NewObjectiveName => "New objective", "新战略目标";
    NewKpiName => "New KPI", "新指标";
    NewDepartmentName => "New department", "新部门";
    NewInitiativeName => "New initiative", "新行动方案";
    NewPerspectiveName => "New perspective", "新维度";
    NewThemeName => "New theme", "新主题";
    AddKpiHere => "Add KPI", "添加指标";
    DeleteItem => "Delete", "删除";
    InvalidNumber => "Not a number", "不是有效数字";
    MustBeNonNegative => "Must not be negative", "不能为负数";
    MustBePercent => "Must be between 0 and 100", "必须在 0 到 100 之间";
    MinBelowMax => "Min must be less than max", "最小值必须小于最大值";
    InvalidDate => "Not a date (YYYY-MM-DD)", "不是有效日期（YYYY-MM-DD）";
    Optional => "optional", "可选";
    FindingsEmpty => "No findings: the scorecard passes every check.", "没有发现问题：计分卡通过了所有检查。";
    Coverage => "Coverage", "覆盖率";
    Reported => "reported", "已报告";
    Month => "Month", "月";
    Quarter => "Quarter", "季度";
    HalfYear => "Half-year", "半年";
    Year => "Year", "年";
    YearToDate => "Year to date", "年初至今";
    QuarterToDate => "Quarter to date", "季初至今";
    Language => "Language", "语言";
    // Strategy map
    MapCanvas => "Strategy map canvas", "战略地图画布";
    MapConnect => "Connect", "连线";
    MapSnap => "Snap to grid", "对齐网格";
    AlignLeft => "Align left", "左对齐";
    AlignTop => "Align top", "顶端对齐";
    DistributeH => "Distribute across", "水平均布";
    DistributeV => "Distribute down", "垂直均布";
    MapZoomIn => "Zoom in", "放大";
    MapZoomOut => "Zoom out", "缩小";
    ConnectFrom => "Connect from", "连线自";
    ConnectPickCause => "Connect mode: click the cause, then the effect (Esc to leave)", "连线模式：先点击原因，再点击结果（按 Esc 退出）";
    ConnectPickEffect => "Now click the effect", "请点击结果";
    ResizeHandle => "Resize", "调整大小";
    MapHint => "Double-click a band to add an objective; drag a box's orange handle onto another to link them.", "双击维度区域添加战略目标；拖动目标上的橙色圆点到另一目标即可建立因果关系。";
    ThemeLegend => "Strategic themes", "战略主题";
    ShowAll => "Show all", "全部显示";
    MoveObjectives => "Move objectives", "移动战略目标";
    LinkObjectives => "Link objectives", "建立因果关系";
    RenameObjective => "Rename objective", "重命名战略目标";
    NewObjectiveField => "Objective name", "战略目标名称";
    // KPI designer
    // Cascade view
    TabMatrix => "Responsibility matrix", "指标分解矩阵";
    TabDecompose => "Decompose a KPI", "目标分解";
    TabDeptScorecard => "Department scorecard", "部门计分卡";
    TabContract => "Performance contract", "绩效合同";
    TabCascadeTree => "Cascade tree", "分解树";
    OrgTree => "Organisation", "组织架构";
    AddSubUnit => "Add unit", "添加下级";
    AddSubUnitHint => "Add a department or team under the selected unit", "在所选单位下添加部门或团队";
    AddRole => "Add role", "添加岗位";
    AddUnitRoot => "Add the company", "添加公司";
    NewRoleName => "New role", "新岗位";
    MoveUp => "Up", "上移";
    MoveDown => "Down", "下移";
    Outdent => "Outdent", "升级";
    OutdentHint => "Move up one level, beside its current parent", "上移一级，与原上级平级";
    Indent => "Indent", "降级";
    IndentHint => "Move under the unit above it", "移到上方单位之下";
    Rename => "Rename", "重命名";
    NoDepartments => "There are no departments yet. Add the company, then its departments and roles.", "还没有部门。请先添加公司，再添加部门和岗位。";
    MatrixHint => "Type a weight where a department carries a KPI (● decomposes it, ○ supports the objective). Clear a cell to remove it. Each column should total 100 %.", "在部门承担指标的格子里输入权重（● 分解该指标，○ 支撑该目标）；清空格子即取消承担。每列权重合计应为 100%。";
    MatrixCorner => "Objective / KPI", "目标 / 指标";
    ColumnTotal => "Weight total", "权重合计";
    ColumnTotalHint => "The department's KPI weights should total 100 %", "部门指标权重合计应为 100%";
    OtherKpis => "Other department KPIs", "部门其他指标";
    OtherKpisHint => "KPIs of their own, or cascaded from another department's KPI", "部门自有指标，或由其他部门指标分解而来";
    SeveralInCell => "Several KPIs: edit their weights in the KPI designer", "多个指标：请在指标设计中编辑权重";
    SupportsPrefix => "Support: ", "支撑：";
    Balanced => "targets add up", "目标已分解平衡";
    Shortfall => "short by", "分解不足";
    OverAllocated => "over by", "超额分解";
    TargetsIncomplete => "targets incomplete", "目标未设齐";
    CarriedWhole => "each carries the target", "各部门承接整体目标";
    OpenDecomposition => "Open the decomposition", "打开目标分解";
    NoCompanyKpis => "There are no company KPIs to cascade yet.", "还没有可分解的公司指标。";
    CompanyKpi => "Company KPI", "公司指标";
    Allocated => "Allocated", "已分配";
    NoChildren => "No department carries this KPI yet.", "还没有部门承接这个指标。";
    ShareOfParent => "Share", "占比";
    LastYearActual => "Actual", "实际";
    RemoveFromCascade => "Remove", "移除";
    SplitTarget => "Split the target:", "分解目标：";
    SplitEvenly => "Evenly", "平均分配";
    SplitByWeight => "By department weight", "按部门权重";
    SplitByWeightHint => "In proportion to the departments' weights in the organisation tree", "按各部门在组织架构中的权重比例";
    SplitByLastYear => "By last year's actuals", "按去年实际";
    CascadeTo => "Cascade to departments", "分解到部门";
    ModeDecompose => "Decompose (share the target)", "分解（分担目标值）";
    ModeAlign => "Align (department's own KPI)", "对齐（部门自有指标）";
    ModeDecomposeHint => "Each department gets a copy of the KPI carrying part of its target.", "每个部门得到该指标的副本，承担其目标的一部分。";
    ModeAlignHint => "Each department gets its own KPI supporting this KPI's objective, to rename and define.", "每个部门得到一个支撑该目标的自有指标，再自行命名和定义。";
    CascadeSelected => "Cascade to the selected departments", "分解到所选部门";
    AlignSelected => "Align the selected departments", "所选部门对齐";
    ChooseUnit => "Select a department or role in the tree.", "请在组织架构中选择部门或岗位。";
    OwnScore => "Score", "得分";
    Grade => "Grade", "等级";
    WithSubUnits => "With sub-units", "含下级";
    WeightTotal => "Weight total", "权重合计";
    CompanyContribution => "Company score", "公司得分贡献";
    CompanyContributionHint => "The share of the company scorecard this unit's KPIs carry through the cascade, and the points they earn of it", "本单位指标经分解承担的公司计分卡比重，以及从中获得的分数";
    UnitHasNoKpis => "This unit carries no KPIs yet.", "该单位还没有承担指标。";
    Supports => "Supports", "支撑";
    CompanyShare => "Company share", "占公司比重";
    ExportThisContract => "Export this contract…", "导出本合同…";
    ExportAllContracts => "Export all contracts…", "导出全部合同…";
    ContractsAvailable => "units carry KPIs", "个单位承担指标";
    ContractTitle => "Performance Contract", "绩效合同";
    AppraisalScore => "Appraisal score", "考核得分";
    SignatureLines => "The exported contract adds signature lines for the employee, the superior and HR.", "导出的合同包含被考核人、直接上级和人力资源部的签字栏。";
    GradeBands => "Grade bands", "考核等级标准";
    MinScore => "From score", "最低得分";
    Remove => "Remove", "删除";
    AddGrade => "Add grade", "添加等级";
    CascadeTreeHint => "Company → departments → roles, coloured by status. Click a unit to select it, double-click to open its scorecard.", "公司 → 部门 → 岗位，颜色表示状态。单击选择单位，双击打开其计分卡。";
    OpenScorecardHint => "Double-click to open the scorecard", "双击打开计分卡";
    TabTable => "Table", "指标表";
    TabWeights => "Weights", "权重";
    TabWhatIf => "What-if", "模拟测算";
    TabLibrary => "KPI library", "指标库";
    TabScreening => "Screening", "指标筛选";
    TabInitiatives => "Initiatives", "行动方案";
    FilterAll => "All", "全部";
    FilterOwner => "Owner", "责任人";
    SearchKpis => "Search", "搜索";
    NoStatus => "No data", "无数据";
    Shown => "shown", "条";
    ColPlace => "Objective / department", "目标 / 部门";
    WeightsOf => "Weights of", "权重分配对象";
    Normalise => "Normalise to 100 %", "归一化为 100%";
    Lock => "Lock", "锁定";
    ShareOfGroup => "Share of the group", "组内占比";
    FormulaBands => "linear between band anchors", "在相邻档位锚点之间线性插值";
    FormulaClosest => "1 − distance outside band / falloff", "1 − 超出区间的距离 / 衰减幅度";
    FormulaTrunc => "trunc", "取整";
    FormulaPoints => "points", "分值";
    FormulaStep => "step", "步长";
    FormulaMax => "max", "最大值";
    FormulaMin => "min", "最小值";
    FormulaBinaryBand => "A in band ? 100 : 0", "A 在目标区间内 ? 100 : 0";
    Rebalance => "Rebalance the others when one changes", "调整一项时其余自动平衡";
    Total => "Total", "合计";
    AbsoluteWeight => "Share of the whole", "占整体比重";
    WeightsNot100 => "The weights do not total 100 %", "权重合计不等于 100%";
    WeightsOk => "The weights total 100 %", "权重合计为 100%";
    ChooseGroup => "Choose an objective or a department", "请选择战略目标或部门";
    WhatIfIntro => "Try other weights and values here; nothing changes until you apply.", "在此试算其他权重和数值；应用之前不会修改项目。";
    ApplyWhatIf => "Apply as one step", "作为一步应用";
    ResetWhatIf => "Reset", "重置";
    Before => "Before", "调整前";
    After => "After", "调整后";
    Change => "Change", "变化";
    NoChanges => "No score moves yet.", "暂无得分变化。";
    ActualThisPeriod => "Actual this period", "本期实际值";
    ApplyWhatIfLabel => "What-if", "模拟测算应用";
    AddTo => "Add to", "添加到";
    AddFromLibrary => "Add", "添加";
    SaveToLibrary => "Save the selected KPI to my library", "将所选指标保存到我的指标库";
    Category => "Category", "类别";
    LibraryEmpty => "No KPI matches.", "没有匹配的指标。";
    ChooseTarget => "Select an objective or a department to add KPIs to", "请先选择要添加指标的战略目标或部门";
    MyLibraryError => "Your KPI library could not be read", "无法读取您的指标库";
    SavedToLibrary => "Saved to your KPI library", "已保存到您的指标库";
    Criteria => "Criteria", "评价维度";
    Candidates => "Candidates", "候选指标";
    AddCriterion => "Add criterion", "添加评价维度";
    AddCandidate => "Add candidate", "添加候选指标";
    StartScreening => "Start with the standard criteria", "使用标准评价维度开始";
    Rank => "Rank", "排名";
    TotalScore => "Total", "总分";
    Promote => "Promote", "采用";
    Promoted => "Promoted", "已采用";
    RemoveRow => "Remove", "移除";
    NewCandidateName => "New candidate", "新候选指标";
    NewCriterionName => "New criterion", "新评价维度";
    ScreeningHint => "Rate each candidate 0–5 on every criterion; the total is weighted by the criteria.", "按每个评价维度为候选指标打分（0–5），总分按维度权重加权。";
    Smart => "SMART check", "SMART 检查";
    SmartSpecific => "Specific: a formula says what is counted", "具体：有计算公式";
    SmartMeasurable => "Measurable: a unit and a target", "可衡量：有单位和目标值";
    SmartAttainable => "Attainable: the target improves on the baseline", "可达成：目标值相对基线有合理提升";
    SmartRelevant => "Relevant: linked to the strategy", "相关：关联公司战略";
    SmartTimeBound => "Time-bound: a reporting frequency", "有时限：有考核周期";
    SmartOwner => "Owned: someone is accountable", "有责任人";
    ScorePreview => "Score by actual value", "得分随实际值变化";
    PolHigherShort => "Higher", "越高越好";
    PolLowerShort => "Lower", "越低越好";
    PolClosestShort => "Closest", "趋中";
    ActToggleNavigator => "Navigator panel", "导航面板";
    ActToggleInspector => "Inspector panel", "属性面板";
    // Import
    Importing => "Reading", "正在读取";
    ImportKinds => "Excel (.xlsx, .xls, .ods) or CSV, long or wide format", "Excel（.xlsx、.xls、.ods）或 CSV，长表或宽表格式";
    ImportTitle => "Import actuals", "导入实际值";
    ImportNone => "(none)", "（无）";
    ImportEncoding => "Text encoding", "文本编码";
    ImportSheet => "Sheet", "工作表";
    ImportHeaderRow => "Header row", "表头所在行";
    ImportLong => "One row per KPI and period:", "每行一个指标和期间：";
    ImportWide => "One column per period:", "每个期间一列：";
    ImportCodeColumn => "KPI code", "指标代码";
    ImportNameColumn => "KPI name", "指标名称";
    ImportPeriodColumn => "Period", "期间";
    ImportActualColumn => "Actual", "实际值";
    ImportTargetColumn => "Target", "目标值";
    ImportNoteColumn => "Note", "备注";
    ImportPeriodColumns => "period columns", "个期间列";
    ImportValuesAre => "Values are", "数值为";
    ImportRejectedHint => "Rows marked red are left out; fix them in the file and import again, or import the rest now.", "标红的行不会导入；可在文件中修正后重新导入，或先导入其余行。";
    ImportOnlyProblems => "Only rows with problems", "只看有问题的行";
    ImportApply => "Import", "导入";
    ImportRow => "Row", "行";
    ImportProblem => "Problem", "问题";
    ImportCurrent => "Now in project", "项目现有值";
    KpiOne => "KPI", "指标";
    DashboardAttention => "KPIs, worst first", "指标（最差的在前）";
    DashboardAttentionHint => "Click a KPI to open its chart; click a perspective or objective to open it on the map.", "点击指标打开其趋势图；点击维度或战略目标在战略地图中打开。";
    DashboardLast12 => "Last 12 periods", "近12期";
    DashboardWhy => "Why", "说明";
    NoData => "no data", "无数据";
    AsOf => "as of", "截至";
    AllDepartments => "All", "全部";
    DashboardNoTarget => "no target", "缺少目标值";
    // Data & charts
    DataGridTab => "Data entry", "数据录入";
    DataChartsTab => "Charts", "图表";
    PrevYear => "Previous year", "上一年";
    NextYear => "Next year", "下一年";
    GridHint => "Arrows, Enter and Tab move; type to enter a value, F2 to edit, Delete to clear, Esc to cancel; paste a block copied from Excel or WPS (Ctrl+V). Numbers as 1,234.5, 85% or １２３.", "方向键、回车和 Tab 移动；直接输入数值，F2 编辑，Delete 清除，Esc 取消；可粘贴从 Excel 或 WPS 复制的整块数据（Ctrl+V）。数字可写作 1,234.5、85% 或全角１２３。";
    GridEmpty => "No KPI of this frequency matches.", "没有符合条件的该周期指标。";
    EnterValue => "Enter", "录入";
    ChartKpi => "KPI over time", "指标趋势";
    ChartScores => "Scores over time", "得分趋势";
    ChartDepartment => "Department KPIs", "部门指标一览";
    ChartNoKpi => "The project has no KPIs yet.", "项目中还没有指标。";
    ChartNoDepartments => "The project has no departments yet.", "项目中还没有部门。";
    ChartNoDeptKpis => "This department carries no KPIs.", "该部门没有承担指标。";
    ChartPeriod => "Per period", "按期";
    ChartYtd => "Year to date", "年累计";
    ChartBands => "Status bands", "状态色带";
    ChartTrend => "Trend and forecast", "趋势与预测";
    Achievement => "Achievement", "达成率";
    Overall => "Overall", "总分";
    ByUnits => "by units", "按部门汇总";
    MonthOfYear => "{month} {year}", "{year}年{month}";
    QuarterOfYear => "Q{quarter} {year}", "{year}年Q{quarter}";
    TipMethodRatio => "Score = A / T (lower is better: 2 − A / T). Example: sales 95 against a target of 100 → 95 %.", "得分 = A / T（越低越好：2 − A / T）。例：销售额 95，目标 100 → 95%。";
    TipMethodSignSafe => "Score = 1 + (A − T) / |T| (lower is better: 1 − (A − T) / |T|); the same as A / T for positive targets and right for negative ones. Example: profit target −2, actual 3 → 1 + 5 / 2 = 350 %.", "得分 = 1 + (A − T) / |T|（越低越好：1 − (A − T) / |T|）；目标为正时与 A / T 相同，目标为负时依然正确。例：利润目标 −2，实际 3 → 1 + 5 / 2 = 350%。";
    TipMethodProgress => "Score = (A − B) / (T − B), progress from the baseline B to the target. Example: baseline 60, target 80, actual 75 → 15 / 20 = 75 %.", "得分 = (A − B) / (T − B)，即从基线 B 到目标的进度。例：基线 60，目标 80，实际 75 → 15 / 20 = 75%。";
    TipMethodRange => "Score = (A − min) / (max − min), on a fixed scale. Example: scale 0 to 10, actual 7 → 70 %.", "得分 = (A − 最小值) / (最大值 − 最小值)，按固定量程计分。例：量程 0～10，实际 7 → 70%。";
    TipMethodBands => "The score runs in straight lines between band anchors (value → score); the colour is the band reached. Example: anchors 80 → 60 and 100 → 100, actual 90 → 80.", "在相邻档位锚点（数值 → 得分）之间线性插值；颜色为所达档位的颜色。例：锚点 80 → 60、100 → 100，实际 90 → 80。";
    TipMethodPoints => "100 at target, plus or minus the points for each whole step of deviation, between the floor and the cap. Example: 5 points per 5 %, actual 110 against 100 (+10 %) → 110.", "达到目标得 100 分，每偏离一个完整步长加减相应分数，不超过上限、不低于下限。例：每 5% 加减 5 分，目标 100、实际 110（+10%）→ 110。";
    TipMethodClosest => "Full score inside the band around the target, falling off in a straight line outside: 1 − distance / falloff. Example: target 30 days, band ±5, falloff 10, actual 40 → 5 outside → 50 %.", "目标附近区间内得满分，区间外按直线递减：1 − 超出距离 / 衰减幅度。例：目标 30 天，区间 ±5，衰减 10，实际 40 → 超出 5 → 50%。";
    TipMethodBinary => "100 when the condition holds (A ≥ T, A ≤ T, or A in the band), else 0. Example: audit passed, 1 against 1 → 100.", "条件成立（A ≥ T、A ≤ T 或在区间内）得 100，否则得 0。例：审核通过，实际 1、目标 1 → 100。";
    TipNew => "Start a blank scorecard with the four perspectives", "新建空白计分卡（含四个层面）";
    TipOpen => "Open a project file (.json)", "打开项目文件（.json）";
    TipSave => "Save the project to its file", "将项目保存到文件";
    TipUndo => "Take back the last change", "撤销上一步修改";
    TipRedo => "Make the change taken back again", "恢复撤销的修改";
    TipShowMap => "The strategy map: objectives in the four perspectives, linked cause to effect", "战略地图：四个层面的目标及其因果关系";
    TipShowKpis => "KPIs: the table, weights, what-if, library, screening and initiatives", "指标：指标表、权重、假设分析、指标库、指标筛选与行动方案";
    TipShowCascade => "Cascade: units, the tree, the matrix, decomposed targets and performance contracts", "指标分解：组织单元、分解树、矩阵、目标分解与绩效合同";
    TipShowData => "Enter actuals and targets per period, and see them charted against the target", "按期间录入实际值与目标，并以图表对比目标";
    TipShowDashboard => "Every score for the period, red first, and why", "本期所有得分，红灯在前，并说明原因";
    TipToggleNavigator => "Show or hide the tree of perspectives, objectives and units on the left", "显示或隐藏左侧的层面、目标与部门树";
    TipToggleInspector => "Show or hide the details of the selected item on the right", "显示或隐藏右侧所选项目的详情";
    ActGuide => "Getting started…", "入门指南…";
    ActOpenLastFile => "Open the last file on start", "启动时打开上次的文件";
    TipOpenLastFile => "When the app starts without a file named, it opens the most recent one", "启动时若未指定文件，则打开最近使用的文件";
    TipGuide => "How to build a map, add KPIs, set weights, cascade, enter actuals and read the dashboard", "如何绘制战略地图、添加指标、设置权重、分解、录入实际值和阅读仪表盘";
    GuideTitle => "Getting started", "入门指南";
    GuideIntro => "A balanced scorecard in six steps. Each step names where to click; the guide stays open while you work.", "六步建立平衡计分卡。每一步都写明在哪里操作；本指南可以一直开着，边看边做。";
    GuideMapTitle => "1. Build the strategy map", "1. 绘制战略地图";
    GuideMapBody => "Open the Map (Ctrl+1). Double-click an empty spot in a perspective's band to add an objective there, type its name and press Enter. To link cause to effect, click Connect in the map toolbar, click the cause, then the effect; Esc leaves Connect mode. Drag boxes to move them; Auto-layout tidies the whole map. Ctrl+Z undoes any step.", "打开地图（Ctrl+1）。在某个层面区域的空白处双击即可添加目标，输入名称后按回车。要连接因果关系，点击地图工具栏的“连线”，先点原因，再点结果；按 Esc 退出连线模式。拖动方框可移动位置；“自动布局”可整理整张地图。任何一步都可用 Ctrl+Z 撤销。";
    GuideKpisTitle => "2. Add KPIs", "2. 添加指标";
    GuideKpisBody => "Select an objective and choose Insert → KPI, or pick one from KPIs → KPI library. In the inspector on the right give each KPI its unit, target, direction (higher or lower is better), frequency and scoring method; a formula such as 成交数 ÷ 来店数 × 100% makes it computed from data elements.", "选中一个目标，然后选择“插入 → 指标”，或在“指标 → 指标库”中挑选。在右侧检查器中为每个指标填写单位、目标、方向（越高越好或越低越好）、频率和计分方法；填写如“成交数 ÷ 来店数 × 100%”的公式后，指标将由数据项自动计算。";
    GuideWeightsTitle => "3. Set weights", "3. 设置权重";
    GuideWeightsBody => "KPIs → Weights shows the KPIs of one objective or unit. Type each weight; with “Rebalance the others when one changes” ticked, the others (except locked ones) adjust so the total stays 100 %. “Normalise to 100 %” scales them. The total turns red while it is not 100 %.", "“指标 → 权重”列出某个目标或部门的指标。逐个输入权重；勾选“调整一项时其余自动平衡”后，其余未锁定的指标会自动调整，使合计保持 100%。“归一化为 100%”会把权重按比例调整。合计不等于 100% 时显示为红色。";
    GuideCascadeTitle => "4. Cascade to units and people", "4. 分解到部门和岗位";
    GuideCascadeBody => "Insert → Department adds a unit under the company. In Cascade (Ctrl+3), “Decompose a KPI” splits a company KPI's target among units; the “Responsibility matrix” shows which unit carries which objective; “Performance contract” prints each unit's contract for signing.", "“插入 → 部门”在公司下添加组织单元。在“指标分解”视图（Ctrl+3）中，“目标分解”页把公司指标的目标分配给各部门；“指标分解矩阵”页显示各部门承担哪些目标；“绩效合同”页可打印各部门的绩效合同供签字。";
    GuideActualsTitle => "5. Enter actuals", "5. 录入实际值";
    GuideActualsBody => "Data & charts (Ctrl+4) is a grid like a spreadsheet: KPIs down the side, periods across. Type a number and press Enter, or paste a block copied from Excel or WPS. File → Import actuals reads a CSV or Excel file and shows every row before anything changes.", "“数据与图表”（Ctrl+4）是一张类似电子表格的表：左侧为指标，横向为各期间。输入数字后按回车，或粘贴从 Excel、WPS 复制的整块数据。“文件 → 导入实际值”可读取 CSV 或 Excel 文件，导入前会逐行列出供确认。";
    GuideDashboardTitle => "6. Read the dashboard", "6. 阅读仪表盘";
    GuideDashboardBody => "The Dashboard (Ctrl+5) shows the scorecard's score, each perspective's, then every KPI worst first with its trend and why it is red. Choose the period at the top; F5 presents it full screen. Click a KPI to see its chart against the target.", "“仪表盘”（Ctrl+5）显示计分卡总分和各层面得分，随后按从差到好的顺序列出每个指标及其趋势和变红的原因。在顶部选择期间；按 F5 全屏演示。点击指标可查看其与目标对比的图表。";
    GuideMethodsTitle => "Scoring methods (A = actual, T = target, B = baseline)", "计分方法（A = 实际值，T = 目标值，B = 基线）";
    GuideStatusBody => "Status colours come from thresholds on the score, checked in order, the first that matches wins: by default green from 100 %, amber from 90 %, red below. A KPI may have its own thresholds; then its colour follows them.", "状态颜色由得分阈值决定，按顺序判断，第一个满足的条件生效：默认 100% 及以上为绿，90% 及以上为黄，低于 90% 为红。指标也可设置自己的阈值，此时颜色按其自身阈值判断。";
    GuideOpen => "Getting started guide", "入门指南";
    ShowingLatestReported => "Nothing is reported for the period chosen: showing {period}, the latest with data", "所选期间尚无填报数据：显示有数据的最近期间 {period}";
    ByUnitsTip => "This score rolls up the units below (by their weights); the dashboard's scorecard score rolls up the perspectives, so the two can differ", "此得分按下级部门（按其权重）汇总；仪表盘上的计分卡总分按层面汇总，两者可以不同";
    OverallByPerspectives => "Scorecard (by perspectives)", "计分卡总分（按层面汇总）";
    StatusFromBand => "{status}: the band reached", "{status}：按所达档位";
    OwnThresholdTip => "This KPI has its own thresholds: its colour follows them, not the project's", "该指标设有自己的阈值：颜色按其自身阈值，而非项目通用阈值";
    Replan => "Re-plan", "目标调整";
    ReplanHint => "Targets for the periods still to come that bring the horizon back to its target, or to a chosen share of it.", "为尚未填报的各期重新分配目标，使整个期间达到目标或其指定比例。";
    ReplanHorizon => "Until the end of the", "调整范围";
    ReplanYear => "year", "全年";
    ReplanQuarter => "quarter", "本季度";
    ReplanMonth => "month", "本月";
    ReplanSpread => "Spread", "分配方式";
    ReplanEvenly => "evenly", "平均分摊";
    ReplanSeason => "by season (last year)", "按季节性（去年同期）";
    ReplanLevel => "Reach", "达成水平";
    ReplanCustom => "or", "或";
    ReplanCurrent => "Current target", "原目标";
    ReplanProposed => "Proposed target", "建议目标";
    ReplanReached => "The goal is already reached; nothing more is needed.", "目标已经达成，剩余各期无需再分配。";
    ReplanApply => "Apply the proposed targets", "应用建议目标";
    // Names of domain values not shown in menus above
    PeriodWeek => "week", "周";
    PeriodMonth => "month", "月";
    PeriodQuarter => "quarter", "季度";
    PeriodHalfYear => "half-year", "半年";
    PeriodYear => "year", "年";
    MethodUnknown => "unknown method", "未知计分方法";
    TagFinancial => "financial", "财务";
    TagNonFinancial => "non-financial", "非财务";
    TagQuantitative => "quantitative", "定量";
    TagQualitative => "qualitative", "定性";
    TagLeading => "leading", "先行";
    TagLagging => "lagging", "滞后";
    TagPointInTime => "point in time", "时点";
    TagOverPeriod => "over a period", "时期";
    SeverityError => "error", "错误";
    SeverityWarning => "warning", "警告";
    SeverityHint => "hint", "提示";
    // Engine, command line and export texts
    OpenProject => "Open project", "打开项目";
    SaveProjectAs => "Save project as", "项目另存为";
    TheOutputMustEndIn => "the output must end in .svg, .png or .pdf", "输出文件扩展名必须是 .svg、.png 或 .pdf";
    TheOutputMustEndIn2 => "the output must end in .xlsx or .csv", "输出文件扩展名必须是 .xlsx 或 .csv";
    StrictNothingWritten => "--strict: nothing written", "--strict：未写入任何内容";
    CannotBeOpened => "cannot be opened", "无法打开";
    Period2 => "period", "期间";
    Scorecard => "Scorecard", "平衡计分卡";
    PerformanceContracts => "Performance contracts", "绩效合同";
    En => "en", "zh-CN";
    Holder => "Holder", "任职人";
    ReportsTo => "Reports to", "直接上级";
    Superior => "Superior", "上级负责人";
    Text => "#", "序号";
    ScoringRule => "Scoring rule", "评分规则";
    NotSet2 => "not set", "未设定";
    Target2 => "target", "目标";
    TotalWeight => "Total weight", "权重合计";
    Text2 => ": ", "：";
    Grade2 => "Grade", "考核等级";
    GradeBands2 => "Grade bands", "等级标准";
    Employee => "Employee", "被考核人";
    DepartmentHead => "Department head", "部门负责人";
    Superior2 => "Superior", "直接上级";
    HRDepartment => "HR department", "人力资源部";
    Date => "Date", "日期";
    MadeWithScorecardStudio => "Made with Scorecard Studio", "由平衡计分卡设计器生成";
    Scorecard2 => "Scorecard", "计分卡";
    Actuals => "Actuals", "实际值";
    Monthly2 => "Monthly", "月度实际";
    Themes2 => "Themes:", "战略主题：";
    ItLooksLikeGBKGB18030 => "It looks like GBK/GB18030 (what Windows Notepad saves as \"ANSI\" on Chinese systems). Project files are UTF-8: save it again choosing UTF-8.", "该文件看起来是 GBK/GB18030 编码（中文 Windows 记事本的“ANSI”）。项目文件必须是 UTF-8：请另存为 UTF-8 编码。";
    CannotOpenTheWindow => "cannot open the window: ", "无法打开窗口：";
    Sales => "Sales", "销售";
    RetailStores => "Retail stores", "零售门店";
    CarDealership => "Car dealership", "汽车经销";
    InsuranceAgency => "Insurance agency", "保险代理";
    Manufacturing => "Manufacturing", "制造";
    Logistics => "Logistics", "物流";
    Customer => "Customer", "客户";
    PeopleHR => "People (HR)", "人力资源";
    Finance => "Finance", "财务";
    InternalProcess => "Internal process", "内部流程";
    MyKPIs => "My KPIs", "我的指标";
    Other => "Other", "其他";
    TheProject => "the project", "项目";
    TheIdIsEmpty => "the id is empty", "编号为空";
    ALinkCannotConnectAn => "a link cannot connect an objective to itself", "因果链接不能指向自身";
    TheNumberIsNotFinite => "the number is not finite (NaN or infinity)", "数值无效（NaN 或无穷大）";
    ThereAreNoStatusRules => "there are no status rules", "没有状态规则";
    ThresholdBandsNeedAtLeast => "threshold bands need at least two anchors", "分段计分至少需要两个阈值点";
    TheNameIsEmpty => "the name is empty", "名称为空";
    TheProjectHasNoPerspectives => "the project has no perspectives", "项目没有任何维度";
    NoActualValueForThis => "no actual value for this period", "本期没有实际值";
    NoTarget => "no target", "没有目标值";
    TheTargetIs0And => "the target is 0, and this method divides by it", "目标值为 0，该计分方法无法相除";
    ATIsMeaninglessFor => "A/T is meaningless for a negative target; use sign-safe achievement", "目标值为负数时 A/T 没有意义，请改用符号安全达成率";
    ProgressFromBaselineNeedsA => "progress from baseline needs a baseline", "基线进度法需要基线值";
    TheTargetEqualsTheBaseline => "the target equals the baseline, so progress is undefined", "目标值等于基线值，无法计算进度";
    RangeNormalisationNeedsMinAnd => "range normalisation needs min and max", "区间归一化需要最小值和最大值";
    ExcludedFromScoring => "excluded from scoring", "不参与计分";
    NothingToRollUp => "nothing to roll up", "没有可汇总的下级项";
    NoneOfItsItemsHas => "none of its items has a score for this period", "下级项本期均无得分";
    TheWeightsOfItsItems => "the weights of its items total 0", "下级项权重合计为 0";
    NoTarget2 => "no target", "无目标";
    Target0 => "target 0", "目标为0";
    NegativeTarget => "negative target", "负目标";
    NoBaseline => "no baseline", "无基线";
    TargetBaseline => "target = baseline", "目标=基线";
    NoRange => "no range", "无区间";
    Excluded2 => "excluded", "不计分";
    Empty => "empty", "空";
    Weights0 => "weights 0", "权重为0";
    Green => "green", "绿";
    Amber => "amber", "黄";
    Red => "red", "红";
    Blue => "blue", "蓝";
    PeriodsReported => "periods reported", "已报告期数";
    Expected => "expected", "应报告";
    Aggregated => "aggregated", "汇总";
    PerPeriodBaselineBandsAnd => "per-period baseline, bands and range scaled", "每期基线、分段和区间按期数放大";
    Method => "method", "计分方法";
    RawScore => "raw score", "原始得分";
    Applied => "applied", "已生效";
    NotNeeded => "not needed", "未触发";
    Clamp => "clamp", "上下限";
    NoScore => "no score", "无得分";
    RollUp2 => "roll-up", "汇总方式";
    MissingData2 => "missing data", "缺失数据";
    Coverage2 => "coverage", "覆盖率";
    Skipped => "skipped", "跳过";
    CountedAs0 => "counted as 0", "按 0 计";
    CarriedForward => "carried forward", "沿用上期";
    Weight2 => "weight", "权重";
    Share2 => "share", "占比";
    Contracts => "contracts", "绩效合同";
    CarriesNoKPIsSoIt => "\"{wanted}\" carries no KPIs, so it has no contract", "“{wanted}”没有承担指标，没有绩效合同";
    Note2 => "note: ", "提示：";
    ThePeriodHeadersNameMonths => "the period headers name months without a year: {y} was assumed (from the title above the header, or this year)", "期间表头只有月份没有年份：按 {y} 年处理（取自表头上方的标题，或今年）";
    TheFileStartsWithA => "The file starts with a UTF-8 byte-order mark; it was ignored and will not be written back.", "文件以 UTF-8 BOM 开头，已忽略，保存时不会写回。";
    LineColumn => "line {line}, column {column}: {what}", "第 {line} 行第 {column} 列：{what}";
    TheFileCouldNotBe => "the file could not be upgraded from version {from}:", "无法从版本 {from} 升级该文件：";
    TheFileIsUTF16 => "The file is UTF-16 text (Notepad's \"Unicode\"); it was read as such, and saving writes UTF-8.", "该文件为 UTF-16 文本（记事本的“Unicode”），已按此读取；保存时将写为 UTF-8。";
    TheFileWasWrittenIn => "The file was written in format version {from} and has been upgraded to version {CURRENT_VERSION}; saving writes version {CURRENT_VERSION}.", "该文件为格式版本 {from}，已升级到版本 {CURRENT_VERSION}；保存时将写入版本 {CURRENT_VERSION}。";
    HasNoKPIMeasuringIt => "{item} has no KPI measuring it", "{item} 没有衡量指标";
    HasNoObjective => "{item} has no objective", "{item} 没有战略目标";
    TheWeightsOfTheKPIs => "the weights of the {count} KPIs of {item} total {total} %, not 100 %", "{item} 的 {count} 个指标权重合计 {total}%，应为 100%";
    PointsDownFromToCause => "{item} points down from “{from}” to “{to}”; cause and effect normally runs upwards", "{item} 从“{from}”指向下层的“{to}”；因果关系通常自下而上";
    DecomposesKPIWhichNoLonger => "{item} decomposes KPI \"{parent}\", which no longer exists", "{item} 分解自指标 \"{parent}\"，但该指标已不存在";
    AlignsToObjectiveWhichNo => "{item} aligns to objective \"{objective}\", which no longer exists", "{item} 支撑战略目标 \"{objective}\"，但该目标已不存在";
    NoDepartmentCarries => "no department carries {item}", "{item} 没有分解到任何部门";
    NeitherDecomposesACompanyKPI => "{item} neither decomposes a company KPI nor aligns to an objective", "{item} 既未分解公司指标，也未关联战略目标";
    TheMapHasObjectivesMore => "the map has {count} objectives; more than 20 loses focus", "战略地图有 {count} 个目标；超过 20 个会失去重点";
    TheKPIBelongsToNeither => "the KPI belongs to neither an objective nor a department", "指标既不属于战略目标也不属于部门";
    TheKPIBelongsToBoth => "the KPI belongs to both an objective and a department; choose one (a department KPI links to an objective through its cascade)", "指标不能同时属于战略目标和部门；部门指标请通过分解关系关联战略目标";
    TheLastStatusRuleMust => "the last status rule must be \"always\" so every score gets a status", "最后一条状态规则必须是“其他”（always），以保证每个得分都有状态";
    BandValuesMustBeStrictly => "band values must be strictly increasing or strictly decreasing", "分段阈值必须严格递增或严格递减";
    TheIdIsAlreadyUsed => "the id \"{id}\" is already used by {first}", "编号 \"{id}\" 重复，已在 {first} 使用";
    TheSameLinkAlreadyExists => "the same link already exists at {first}", "与 {first} 的因果链接重复";
    AWeightCannotBeNegative => "a weight cannot be negative ({value})", "权重不能为负数（{value}）";
    IsOutsideTheAllowedRange => "{value} is outside the allowed range {min}–{max}", "{value} 超出允许范围 {min}–{max}";
    IsNotTheFirstDay => "{date} is not the first day of a {fname} period (periods are identified by \
                         their first day: the 1st for months, Monday for weeks)", "{date} 不是{fname}周期的起始日（周期以起始日标识，如每月为 1 日，每周为周一）";
    PeriodComesAfterPeriodsMust => "period {date} comes after {previous}; periods must be in increasing order without repeats", "周期 {date} 应在 {previous} 之后（周期须按日期递增且不重复）";
    ThePlanningHorizonStartsAfter => "the planning horizon starts ({start}) after it ends ({end})", "规划期开始日 {start} 晚于结束日 {end}";
    StartsAfterItEnds => "starts ({start}) after it ends ({end})", "开始日 {start} 晚于结束日 {end}";
    MinMustBeLessThan => "min ({min}) must be less than max ({max})", "最小值 {min} 应小于最大值 {max}";
    ParameterIsInvalid => "parameter {name} = {value} is invalid: {rule}", "参数 {name} = {value} 无效：{rule}";
    NotDueNoPeriodOf => "not due: no period of this KPI ends in the period viewed", "未到期：该指标没有在本期结束的考核期";
    ValueTooLargeToScore => "value too large to score", "数值过大，无法计分";
    NotDue => "not due", "未到期";
    TooLarge => "too large", "数值过大";
    BetterPeriodsRunning => "better {run} periods running", "连续 {run} 期改善";
    PasteCells => "Paste {n} cells", "粘贴 {n} 个单元格";
    ItemPerspective => "perspective", "维度";
    ItemTheme => "theme", "战略主题";
    ItemObjective => "objective", "战略目标";
    ItemLink => "link", "因果链接";
    ItemDepartment => "department", "部门";
    ItemKpi => "KPI", "指标";
    ItemInitiative => "initiative", "行动方案";
    ItemElement => "data element", "数据项";
    ItemNamed => "{kind} “{name}”", "{kind}“{name}”";
    ItemWithId => "{kind} {id}", "{kind} {id}";
    IdSharedAcrossKinds => "the id \"{id}\" names both a {first} and a {second}; people and other tools reading the file cannot tell them apart, so give one another id", "编号“{id}”同时用于{first}和{second}；阅读文件的人和其他工具无法区分，请改用不同的编号";
    Untitled => "Untitled", "未命名";
    ImportStep => "Import {name}", "导入 {name}";
    CriterionImportance => "Importance to long-term strategy", "对长期战略的重要性";
    CriterionMeasurability => "Measurability", "可衡量性";
    CriterionControllability => "Controllability", "可控性";
    CriterionDataAvailability => "Data availability", "数据可获得性";
    NotChanged => "Not changed: {reason}", "未修改：{reason}";
    Undone => "Undone: {step}", "已撤销：{step}";
    Redone => "Redone: {step}", "已重做：{step}";
    NothingToUndo => "Nothing to undo", "没有可撤销的操作";
    NothingToRedo => "Nothing to redo", "没有可重做的操作";
    ToastExported => "Exported {name}", "已导出 {name}";
    ToastImported => "Imported {name}: {accepted} entries into {kpis} KPIs ({overwrites} overwrote existing values, {unchanged} unchanged); {rejected} rejected", "已导入 {name}：{accepted} 条，涉及 {kpis} 个指标（{overwrites} 条覆盖已有数值，{unchanged} 条无变化）；{rejected} 条被拒绝";
    NothingToImport => "{name}: nothing to import, the project already has these values", "{name}：没有需要导入的内容，项目中已有这些数值";
    NotADate => "\"{text}\" is not a date; write it as 2026-06-30", "“{text}”不是有效日期，请写作 2026-06-30";
    DeletedDepartment => "Deleted {name} and its {n} KPIs. Ctrl+Z brings them back.", "已删除 {name} 及其 {n} 个指标，按 Ctrl+Z 可撤销。";
    Labelled => "{label}: {text}", "{label}：{text}";
    NoContractToExport => "No department or role carries KPIs yet, so there is no contract to export.", "还没有部门或岗位承担指标，没有可导出的绩效合同。";
    // Opening a project file
    LoadCannotRead => "cannot read {path}: {reason}", "无法读取 {path}：{reason}";
    LoadTooLarge => "the file is {size} bytes; the largest project file this version opens is {limit} bytes", "文件大小 {size} 字节，超过可打开的上限 {limit} 字节";
    LoadEmpty => "the file is empty", "文件为空";
    LoadNotARegularFile => "it is not a regular file (a device, a pipe or a socket), so it is not a project", "这不是普通文件（而是设备、管道或套接字），不是项目文件";
    LoadBinary => "the file contains NUL bytes (first at byte {offset}): it is a binary file, not a project", "文件含有 NUL 字节（首次出现在第 {offset} 字节），是二进制文件而不是项目文件";
    LoadNotUtf8 => "the file is not UTF-8 text: invalid byte {byte} at line {line}, column {column}", "文件不是 UTF-8 文本：第 {line} 行第 {column} 列有无效字节 {byte}";
    SyntaxTruncated => "the file ends in the middle of the data; it is probably truncated (an interrupted copy or download)", "文件在数据中途结束，可能被截断（复制或下载中断）";
    SyntaxNumberOutOfRange => "a number is too large to represent (such as 1e999)", "数值超出可表示范围（如 1e999）";
    SyntaxTooDeep => "arrays or objects are nested too deeply (more than 128 levels)", "数组或对象嵌套过深（超过 128 层）";
    SyntaxDuplicateKey => "the key \"{key}\" appears twice in one object; each key may appear once", "同一对象中键“{key}”出现了两次；每个键只能出现一次";
    SyntaxNotANumber => "NaN and Infinity are not numbers in JSON; write a number, or null for no value", "JSON 中没有 NaN 和 Infinity；请写数字，或用 null 表示无值";
    SyntaxOther => "JSON syntax error: {message}", "JSON 语法错误：{message}";
    LoadNotAProject => "not a Scorecard Studio project: {reason}", "不是 Scorecard Studio 项目文件：{reason}";
    LoadNewerVersion => "the file has format version {found}, newer than this version of Scorecard Studio reads ({supported}); update Scorecard Studio to open it", "文件格式版本为 {found}，比本程序支持的版本 {supported} 更新；请升级 Scorecard Studio";
    LoadBadVersion => "the file's format version {found} is not valid", "文件格式版本 {found} 无效";
    LoadData => "{path}: {message} (line {line}, column {column})", "{path}：{message}（第 {line} 行第 {column} 列）";
    PerspFinancial => "Financial", "财务";
    PerspCustomer => "Customer", "客户";
    PerspProcess => "Internal process", "内部流程";
    PerspLearning => "Learning & growth", "学习与成长";
    NewScorecard => "New scorecard", "新建平衡计分卡";
    UnknownReference => "refers to {what} \"{id}\", which does not exist", "引用的{what} \"{id}\" 不存在";
    DepartmentCycle => "the department tree has a cycle: {ids}", "部门层级形成循环：{ids}";
    CascadeCycle => "the cascade of KPIs has a cycle: {ids}", "指标分解形成循环：{ids}";
    LacksTarget => "a target (Measurable, Time-bound)", "目标值（可衡量、有时限）";
    LacksUnit => "a unit (Measurable)", "单位（可衡量）";
    LacksFormula => "a formula (Specific)", "计算公式（具体）";
    LacksOwner => "an owner (who is accountable)", "责任人";
    LacksFrequency => "a reporting frequency (Time-bound)", "考核周期（有时限）";
    ItemLacks => "{item} lacks {what}", "{item} 缺少{what}";
    CarriesOfCompany => "carries {share} % of the company score; contributes {points} points", "承担公司总分的 {share}%，贡献 {points} 分";
    PasteRefused => "Pasted row {row}, column {column}: {reason}. Nothing was pasted.", "粘贴内容第 {row} 行第 {column} 列：{reason}。未粘贴任何内容。";
    ReplanSoFar => "Target {target} × {level} % = {goal}; done so far {done} in {periods} periods.", "目标 {target} × {level}% = {goal}；已完成 {done}（{periods} 期）。";
    ReadFractionsAsPercent => "{n} values of % KPIs lie between 0 and 1 (Excel percent cells hold 85 % as 0.85): read them as percentages", "有 {n} 个百分比指标的数值在 0 到 1 之间（Excel 百分比单元格把 85% 存为 0.85）：按百分数读取";
    NoItemWithId => "no KPI, objective, perspective or department has the id or code \"{id}\"", "没有编号或代码为 \"{id}\" 的指标、目标、维度或部门";
    NoSuchSheet => "no sheet \"{wanted}\"; the sheets are: {sheets}", "没有工作表“{wanted}”；现有工作表：{sheets}";
    ListSeparator => ", ", "、";
    PercentFractionsNote => "note: {n} values of % KPIs lie between 0 and 1; if the sheet holds cells formatted as percentages, import again with --percent-fractions", "提示：有 {n} 个百分比指标的数值在 0 到 1 之间；如果表格中是设置为百分比格式的单元格，请加 --percent-fractions 重新导入";
    NoSuchDepartment => "no department or role \"{wanted}\" in {file}", "{file} 中没有部门或岗位“{wanted}”";
    CheckCounts => "{file}: {errors} error(s), {warnings} warning(s), {hints} hint(s)", "{file}：{errors} 个错误，{warnings} 个警告，{hints} 个提示";
    XlsxCode => "Code", "代码";
    XlsxKpi => "KPI", "指标";
    XlsxPlace => "Objective / department", "所属目标 / 部门";
    XlsxUnit => "Unit", "单位";
    XlsxPolarity => "Polarity", "极性";
    XlsxFrequency => "Frequency", "频率";
    XlsxAggregation => "Aggregation", "汇总方式";
    XlsxBaseline => "Baseline", "基线";
    XlsxTarget => "Target", "目标值";
    XlsxStretch => "Stretch", "挑战值";
    XlsxWeight => "Weight", "权重";
    XlsxOwner => "Owner", "责任人";
    XlsxFormula => "Formula", "计算公式";
    XlsxActual => "Actual", "实际值";
    XlsxScore => "Score %", "得分 %";
    XlsxStatus => "Status", "状态";
    MonthHeader => "{year}-{mm}", "{year}年{month}月";
    FullScoreBand => "; full score from T − {below} to T + {above}", "；T − {below} 至 T + {above} 内满分";
    WeightsNotHundred => "The weights total {total} %, not 100 %.", "权重合计为 {total}%，不是 100%。";
    TotalsRowsSkipped => "totals rows skipped: row {rows}", "已跳过合计行：第 {rows} 行";
    FarFromHorizon => "{n} entries lie more than ten years outside the project's horizon (row {rows}); check their periods", "有 {n} 条数据的期间超出项目期间范围十年以上（第 {rows} 行），请检查";
    ImportSummary => "{accepted} entries to import into {kpis} KPIs and data elements ({overwrites} overwrite existing values, {unchanged} unchanged); {rejected} rejected", "{accepted} 条可导入，涉及 {kpis} 个指标和数据项（{overwrites} 条覆盖已有数值，{unchanged} 条无变化）；{rejected} 条被拒绝";
    KpisReported => "{reported} of {total} KPIs reported", "已填报 {reported}/{total} 个指标";
    WorsePeriodsRunning => "worse {run} periods running", "连续 {run} 期变差";
    OwnerIs => "owner {owner}", "责任人 {owner}";
    PerspectiveReported => "{reported}/{total} reported", "已填报 {reported}/{total}";
    PeriodsOfReported => "{reported} of {expected} periods reported", "已填报 {reported}/{expected} 期";
    NotANumber => "\"{text}\" is not a number", "“{text}”不是有效数字";
    NumberTooLarge => "\"{text}\" is too large", "“{text}”数值过大";
    ReplanNoTarget => "the KPI has no target for this horizon", "该指标在此期间没有目标值";
    ReplanNothingLeft => "every period of this horizon is already reported", "此期间的每一期都已填报实际值";
    SplitNoChildren => "no department carries this KPI yet", "还没有部门承接这个指标";
    SplitNoTarget => "the KPI has no target to split", "这个指标没有目标值可分解";
    SplitNotAdditive => "the KPI does not add up over departments (it is averaged or a last value)", "这个指标按平均或期末值汇总，不能在部门间相加分解";
    SplitNoHistory => "no actuals in {year} for {kpis}", "{kpis} 在 {year} 年没有实际值";
    SplitZeroBasis => "the basis of the split totals 0", "分解依据合计为 0";
    NoLongerExists => "{id} no longer exists", "{id} 已不存在";
    IdAlreadyUsed => "the id {id} is already used", "编号 {id} 已被使用";
    ProjectNotAnItem => "the project itself cannot be deleted or moved", "项目本身不能删除或移动";
    InternalEditError => "internal error, nothing was changed (edit out of range: {detail})", "内部错误，未做任何修改（edit out of range: {detail}）";
    NotAWorkbook => "it is not an Excel or OpenDocument workbook", "这不是 Excel 或 OpenDocument 工作簿";
    WorkbookDamaged => "the file is damaged ({detail})", "文件已损坏（{detail}）";
    WorkbookCrashed => "the file is damaged: its contents are not what a workbook holds. Open it in Excel or WPS and save it again", "文件已损坏：内容不是工作簿应有的结构。请用 Excel 或 WPS 打开后重新保存";
    SheetTooManyCells => "sheet \"{sheet}\" holds more than {max} filled cells, more than this import reads; split it into smaller files", "工作表“{sheet}”的已填单元格超过 {max} 个，超出导入上限；请拆分为较小的文件";
    SheetCellTooFar => "sheet \"{sheet}\" has a cell beyond row {rows} or column {columns}, which no spreadsheet has: the file is damaged", "工作表“{sheet}”有超出第 {rows} 行或第 {columns} 列的单元格，文件已损坏";
    XlsTooWide => "a sheet's cells span {cells} cells (rows × columns), more than the {max} an .xls import lays out: remove cells far from the data, or save the file as .xlsx", "某个工作表的单元格范围达 {cells} 个（行 × 列），超过 .xls 导入的上限 {max}：请删除远离数据的单元格，或另存为 .xlsx";
    WorkbookTooLargeUnpacked => "the workbook unpacks to more than {max} MB ({mb} MB), far more than a spreadsheet of actuals; it is refused", "工作簿解压后超过 {max} MB（{mb} MB），远大于实际值表格，已拒绝";
    WorkbookProtected => "the workbook is password protected; save it without a password first", "工作簿设有密码保护；请先去掉密码另存";
    ImportUnknownKind => "{path} is not a CSV or Excel file (use .csv, .txt, .tsv, .xlsx, .xlsm, .xls or .ods)", "{path} 不是 CSV 或 Excel 文件（请使用 .csv、.txt、.tsv、.xlsx、.xlsm、.xls 或 .ods）";
    ImportWorkbook => "the spreadsheet cannot be opened: {reason}", "无法打开电子表格：{reason}";
    ImportCsvLine => "CSV line {line}: {reason}", "CSV 第 {line} 行：{reason}";
    ImportEmpty => "the file holds no data", "文件中没有数据";
    ImportNotARegularFile => "{path} is not a regular file (a device, a pipe or a socket)", "{path} 不是普通文件（而是设备、管道或套接字）";
    ImportNoHeader => "no header row found: it needs a KPI column (code or name) and a period column, or one column per period", "找不到表头：需要指标列（代码或名称）和期间列，或每个期间一列";
    ImportUnknownKpi => "no KPI with code or name \"{text}\"", "没有代码或名称为“{text}”的指标";
    ImportAmbiguousKpi => "several KPIs are named \"{text}\"; give the code", "有多个名为“{text}”的指标，请填写指标代码";
    ImportMissingKpi => "no KPI given", "缺少指标";
    ImportMissingPeriod => "no period given", "缺少期间";
    ImportBadPeriod => "\"{text}\" is not a period (e.g. 2026-01, 2026年1月, 2026-Q1)", "“{text}”不是有效期间（如 2026-01、2026年1月、2026-Q1）";
    ImportWrongFrequency => "\"{period}\" is not a period of {kpi} ({frequency})", "“{period}”不是指标 {kpi}（{frequency}）的期间";
    ImportYearOutOfRange => "\"{text}\": the year lies outside {first}–{last}; check the period", "“{text}”：年份不在 {first}–{last} 之间，请检查期间";
    ImportExtraCells => "the row has {cells} cells but the header has {header}: a separator in a number (such as 1,343.9 without quotes) shifts the values after it; quote such numbers or drop the thousands separator", "该行有 {cells} 个单元格，而表头只有 {header} 个：数字中的分隔符（如未加引号的 1,343.9）使其后的数值错位；请给这类数字加引号或去掉千位分隔符";
    ImportUncomputed => "{column}: the formula {formula} has no calculated value in the file; open the file in Excel or LibreOffice and save it again", "{column}：公式 {formula} 在文件中没有计算结果；请用 Excel 或 LibreOffice 打开后重新保存";
    ImportBadNumber => "{column}: \"{text}\" is not a number", "{column}：“{text}”不是有效数字";
    ImportDuplicate => "the same KPI and period as row {row}", "与第 {row} 行的指标和期间重复";
    ImportNoValue => "no actual, target or note", "没有实际值、目标值或备注";
    RowColumn => "row {row}, column {column}", "第 {row} 行 {column} 列";
    RowOnly => "row {row}", "第 {row} 行";
    PeriodMonthLabel => "{year}-{mm}", "{year}年{month}月";
    PeriodQuarterLabel => "{year} Q{quarter}", "{year}年第{quarter}季度";
    PeriodFirstHalfLabel => "{year} H1", "{year}年上半年";
    PeriodSecondHalfLabel => "{year} H2", "{year}年下半年";
    PeriodYearLabel => "{year}", "{year}年";
    PeriodYtdLabel => "{year} YTD to {to}", "{year}年初至{to}";
    PeriodQtdLabel => "QTD to {to}", "季初至{to}";
    DecompositionShort => "{item} has target {t} but its {children} department shares total {c}: {d} short", "{item} 目标 {t}，{children} 个部门分解合计 {c}，缺口 {d}";
    DecompositionOver => "{item} has target {t} but its {children} department shares total {c}: over-allocated by {d}", "{item} 目标 {t}，{children} 个部门分解合计 {c}，超配 {d}";
    ForecastOnTrack => "Year-end forecast {forecast} {unit} against a target of {target} {unit}: on track", "按趋势预计全年 {forecast} {unit}，目标 {target} {unit}：可达成";
    ForecastFallsShort => "Year-end forecast {forecast} {unit} against a target of {target} {unit}: falls short", "按趋势预计全年 {forecast} {unit}，目标 {target} {unit}：预计无法达成";
    ForecastOnly => "Year-end forecast {forecast} {unit}", "按趋势预计全年 {forecast} {unit}";
    MonthShort1 => "Jan", "1月";
    MonthShort2 => "Feb", "2月";
    MonthShort3 => "Mar", "3月";
    MonthShort4 => "Apr", "4月";
    MonthShort5 => "May", "5月";
    MonthShort6 => "Jun", "6月";
    MonthShort7 => "Jul", "7月";
    MonthShort8 => "Aug", "8月";
    MonthShort9 => "Sep", "9月";
    MonthShort10 => "Oct", "10月";
    MonthShort11 => "Nov", "11月";
    MonthShort12 => "Dec", "12月";
    SaveChangedOnDisk => "{path} was changed on disk since it was opened; save anyway to overwrite it, or save under another name", "{path} 在打开后已被其他程序修改；如需覆盖请选择“仍然保存”，或另存为新文件";
    SaveInvalid => "the document has {n} problem(s) and was not saved: {first}", "文档有 {n} 个结构问题，未保存：{first}";
    SaveCannotWrite => "cannot write {path}: {reason}", "无法写入 {path}：{reason}";
    SaveWouldNotLoad => "the document was not saved, because the file would not open again: {reason}", "文档未保存，因为写出的文件将无法再次打开：{reason}";
    ClauseSeparator => "; ", "；";
    OsNotFound => "the file or folder does not exist", "文件或文件夹不存在";
    OsPermissionDenied => "permission denied", "没有访问权限";
    OsAlreadyExists => "the file already exists", "文件已存在";
    OsStorageFull => "the disk is full", "磁盘空间已满";
    OsReadOnly => "the file system is read-only", "文件系统为只读";
    OsIsADirectory => "it is a folder, not a file", "这是一个文件夹，不是文件";
    OsNotADirectory => "a part of the path is not a folder", "路径中的某一部分不是文件夹";
    OsInvalidFilename => "the file name is not valid", "文件名无效";
    OsFileTooLarge => "the file is too large", "文件过大";
    OsBusy => "the file is in use", "文件正被占用";
    OsInterrupted => "the operation was interrupted", "操作被中断";
    OsUnexpectedEof => "the file ends unexpectedly", "文件意外结束";
    OsInvalidData => "the file contents are not valid", "文件内容无效";
    OsErrorWithCode => "{said} (system error {code})", "{said}（系统错误 {code}）";
    ScoreBetween => "; score {lo}–{hi} %", "；得分 {lo}–{hi}%";
    ScoreCappedAt => "; capped at {hi} %", "；封顶 {hi}%";
    NoSuchUnit => "no department or role \"{wanted}\"", "没有部门或岗位“{wanted}”";
    BadPngScale => "the PNG scale must be more than 0 and at most 10", "PNG 缩放倍数必须大于 0 且不超过 10";
    PaletteTip => "Find any command, objective, KPI or department by name or code", "按名称或代码查找任意命令、战略目标、指标或部门";
    LayoutQuality => "{crossings} link crossings, {through} links through boxes, {boxes} overlapping boxes, {labels} overlapping labels, {ports} arrows sharing an end point", "连线交叉 {crossings} 处，穿过方框的连线 {through} 条，重叠方框 {boxes} 对，重叠标签 {labels} 处，共用端点的箭头 {ports} 对";
    ColoursTooClose => "{item} has a colour too close to “{other}” to tell apart on the map; give one of them another colour", "{item}的颜色与“{other}”过于接近，在战略地图上难以区分；请为其中之一换一种颜色";
    ObjectivesSelected => "{n} objectives", "{n} 个战略目标";
    Mixed => "(mixed)", "（不一致）";
    MoreTools => "More", "更多";
    MapTextSize => "Text", "文字";
    MapTextSizeTip => "Objective text size on the map at \"Zoom to fit\", in points: fitting never makes it smaller; the map scrolls instead.", "“适应窗口”时地图上目标文字的大小（磅）：适应窗口不会让文字更小，放不下时可滚动查看。";
    PresentationKeys => "Page Down / Space: next perspective or theme · Page Up: back · Home: all · Esc: leave", "Page Down / 空格：下一个维度或主题 · Page Up：上一个 · Home：全部 · Esc：退出";
    MapPinned => "Pinned", "固定位置";
    MapPinnedTip => "auto-layout and Tidy links keep it here", "自动布局和整理连线不移动它";
    ActTidyLinks => "Tidy links", "整理连线";
    TidyLinksNothing => "The links cross as little as swapping places can make them", "交换位置已无法进一步减少连线交叉";
    DeletedWithWhatWent => "Deleted {what} with {kpis} KPIs and {links} links", "已删除 {what}，连同 {kpis} 个指标和 {links} 条连线";
    MapKpis => "KPIs on the map", "地图显示指标";
    MapKpisTip => "List each objective's KPIs under its title: code, name, actual / target and status (also in exports)", "在每个目标下列出其指标：代码、名称、实际/目标与状态（导出时同样）";
    ActAutoLayoutByTheme => "Auto-layout by theme", "按主题自动布局";
    BadExpression => "{item}: its formula “{expression}” cannot be computed: {reason}", "{item}：计算公式“{expression}”无法计算：{reason}";
    CodeUsedTwice => "{item}: the code “{code}” is used by two data elements or KPIs, so a formula naming it is ambiguous", "{item}：编码“{code}”被两个基础数据项或 KPI 使用，引用它的公式含义不明";
    Expression => "Computed as", "计算表达式";
    ActualIsComputed => "its actuals are computed by “{formula}” and cannot be typed: enter the data elements it uses", "其实际值由“{formula}”计算，不能直接输入：请输入它引用的基础数据项";
    ImportComputedActual => "{kpi} is computed by “{formula}”: its actuals cannot be imported (import the data elements it uses)", "{kpi} 由“{formula}”计算：不能导入其实际值（请导入它引用的基础数据项）";
    DataElements => "Data elements", "基础数据项";
    ComputedActual => "computed actual", "计算实际值";
    ComputedInputsFirst => "each input aggregated over the period first", "各数据项先按期间汇总再计算";
    ComputedEachPeriod => "evaluated for each period, then aggregated by the KPI's rule", "逐期计算后按指标的汇总方式汇总";
    ExprEmpty => "the formula is empty", "公式为空";
    ExprTooLong => "the formula is longer than {max} characters", "公式超过 {max} 个字符";
    ExprTooDeep => "the formula is nested more than {max} levels deep", "公式嵌套超过 {max} 层";
    ExprTooManyReferences => "the formula refers to more than {max} inputs", "公式引用的数据项超过 {max} 个";
    ExprExpectedOperand => "expected a number, a name, a function or “(”", "此处应为数字、名称、函数或“(”";
    ExprExpectedOperator => "expected an operator (+ − × ÷ ^) or the end", "此处应为运算符（+ − × ÷ ^）或公式结束";
    ExprExpectedClose => "expected “)” to close the “(” at character {open}", "此处应为“)”，与第 {open} 个字符处的“(”配对";
    ExprUnclosedName => "the name in “[” at character {open} has no closing “]”", "第 {open} 个字符处的“[”缺少配对的“]”";
    ExprEmptyName => "“[]” names nothing", "“[]”中没有名称";
    ExprUnknownFunction => "unknown function “{name}” (known: min, max, abs, round, if, div)", "未知函数“{name}”（可用：min、max、abs、round、if、div）";
    ExprWrongArgumentCount => "{function}() takes {expected} arguments, not {found}", "{function}() 需要 {expected} 个参数，而不是 {found} 个";
    ExprBadNumber => "“{text}” is not a number", "“{text}”不是数字";
    ExprUnexpectedCharacter => "“{c}” cannot be used here", "此处不能使用“{c}”";
    ExprAtCharacter => "at character {at}: {what}", "第 {at} 个字符处：{what}";
    ExprMissingInput => "{name} has no value", "{name} 没有数值";
    ExprDivisionByZero => "the denominator of {expression} is 0", "{expression} 的分母为 0";
    ExprTooLarge => "value too large", "数值过大";
    ExprNotReal => "not a real number", "不是实数";
    ExprUnknownReference => "“{name}” is neither a data element nor a KPI", "“{name}”既不是基础数据项也不是 KPI";
    ExprCycle => "the formula depends on itself: {cycle}", "公式循环引用自身：{cycle}";
    MapOrthogonal => "Right-angle links", "直角连线";
    MapOrthogonalTip => "Links run in straight horizontal and vertical lines with rounded corners, in the map and its exports", "连线由水平和竖直线段组成（圆角），画布和导出都如此";
    BoxColour => "Box colour", "框颜色";
    BoxColourAutomatic => "Automatic", "自动";
    BoxColourAutomaticTip => "Use the theme's colour, or the perspective's", "使用主题颜色，无主题时使用维度颜色";
    UsedByKpis => "Used by", "用于";
    UsedByNone => "No KPI's formula uses it yet.", "还没有指标的公式用到它。";
    DataElementOne => "Value", "数值";
    ImportElementValuesOnly => "{element} is a data element: it takes values only, not targets or notes", "{element} 是基础数据项：只导入数值，不导入目标值或备注";
    Complete => "Complete:", "补全：";
    CreateElementsFromFormula => "Create data elements from the formula ({n})", "从公式生成基础数据项（{n} 个）";
    CreateElements => "Create data elements for", "生成基础数据项：";
    ComputedAcross => "each input summed over the {n} department KPIs decomposing it ({kpis}): the ratio total", "各数据项为分解它的 {n} 个部门指标（{kpis}）之和：按合计值计算比率";
    MissingInputsLabel => "Missing inputs", "缺少数据时";
    MissingInputsUndefined => "No value", "不计算";
    MissingInputsZero => "Count as 0", "按 0 计";
    MissingInputsDropTerm => "Leave the term out", "略去该项";
    InputsSummedFirst => "Ratio of sums", "合计后计算";
    EachPeriodFirst => "Each period", "逐期计算";
    OverSeveralPeriods => "Over several periods", "多期计算";
    ReplanBadLevel => "the level {level} is not a share of the target; give a percentage such as 100, 95 or 85", "达成水平 {level} 不是目标的比例，请写百分数，例如 100、95 或 85";
    ReplanWritten => "The proposed targets are written to {file}", "建议目标已写入 {file}";
    WhyScore => "score", "得分";
    WhyValue => "value", "数值";
    WhyAnyScore => "any score", "任何得分";
    WhyKpiFacts => "{kpi}: {actual} against a target of {target}, {score}{status}", "{kpi}：实际 {actual}，目标 {target}，得分 {score}{status}";
    WhyHeadlineBand => "{name}: {score}, {status} ({band}).", "{name}：{score}，{status}（{band}）。";
    WhyHeadline => "{name}: {score}, {status}.", "{name}：{score}，{status}。";
    WhyHeadlineNoStatus => "{name}: {score}.", "{name}：{score}。";
    WhyHeadlineUndefined => "{name}: no score: {reason}.", "{name}：没有得分：{reason}。";
    WhyPulledDown => "Pulling it down most:", "拉低得分最多的是：";
    WhyDriver => "{name}: {score}{status}; {share} % of the counted weight, {gap} points of the gap to 100 %", "{name}：{score}{status}；占计入权重 {share}%，造成与 100% 的差距 {gap} 个百分点";
    WhyActualTarget => "{actual} against a target of {target}", "实际 {actual}，目标 {target}";
    WhyMainly => "mainly {kpi}", "主要因为 {kpi}";
    WhyNothingBelow => "Nothing under it is below 100 %.", "其下各项都不低于 100%。";
    WhyNotCounted => "Not counted:", "未计入：";
    WhyNoData => "no data for {period}", "{period} 没有数据";
    WhyNotDue => "not due in {period}", "{period} 不需要填报";
    WhyNoTarget => "no target", "没有目标值";
    WhyOther => "no score for another reason (see the trace)", "因其他原因没有得分（见计算过程）";
    WhyAndMore => " and {n} more", " 等另外 {n} 项";
    WhyGap => "{reason}: {kpis}; {share} % of the weight", "{reason}：{kpis}；占权重 {share}%";
    WhyUp => "Since {period}: {before} → {now}, up {change} points.", "与 {period} 相比：{before} → {now}，上升 {change} 个百分点。";
    WhyDown => "Since {period}: {before} → {now}, down {change} points.", "与 {period} 相比：{before} → {now}，下降 {change} 个百分点。";
    WhyUnchanged => "Since {period}: {before} → {now}, about the same.", "与 {period} 相比：{before} → {now}，基本持平。";
    WhyNoScoreBefore => "{period} had no score to compare with.", "{period} 没有可比较的得分。";
    HowComputed => "How it is computed:", "计算过程：";
    WhyBand => "{status}: {range}", "{status}：{range}";
    RedWithoutCommentary => "{item} is red in the period starting {period} and has no commentary (analysis, cause, action); the project asks for it", "{item} 在 {period} 开始的期间为红灯，但没有分析/原因/措施说明（项目要求红灯指标必须填写）";
    Commentary => "Commentary", "分析说明";
    CommentaryFor => "Commentary · {kpi} · {period}", "分析说明 · {kpi} · {period}";
    CommentaryAnalysis => "Analysis", "分析";
    CommentaryCause => "Cause", "原因";
    CommentaryAction => "Action", "措施";
    CommentaryOwner => "Written by", "填写人";
    CommentaryDate => "Written on", "填写日期";
    PackTitle => "Monthly review pack", "经营分析报告";
    PackContents => "Contents", "目录";
    PackMap => "Strategy map", "战略地图";
    PackScorecard => "Scorecard", "平衡计分卡";
    PackAttention => "KPIs needing attention", "需要关注的指标";
    PackNothingRed => "No KPI is red or amber in this period.", "本期没有红灯或黄灯指标。";
    PackNoCommentary => "No commentary for this period yet.", "本期尚未填写分析说明。";
    PackWhy => "Why this score", "得分解读";
    PackForecast => "Forecast", "预测";
    PackNoInitiatives => "The project has no initiatives.", "项目中没有行动方案。";
    PackAppendix => "Appendix: KPI definitions", "附录：指标定义";
    PackPageOf => "Page {page} of {pages}", "第 {page} 页 / 共 {pages} 页";
    PackPrepared => "Prepared {date} with Scorecard Studio", "由平衡计分卡设计器于 {date} 生成";
    PackNoSuchSection => "\"{word}\" is not a section of the pack; use {known} or all", "“{word}”不是报告的章节，可用：{known}，或 all";
    RedNeedsCommentary => "Red KPIs need commentary", "红灯指标必须填写分析说明";
    OwnKpis => "own KPIs", "本部门指标";
    WhyStatusAfter => ", {status}", "，{status}";
    ToastSaved => "Saved {name}", "已保存 {name}";
    // Merging and department packs.
    MergeNoValue => "(none)", "（无）";
    MergeTheirs => "theirs", "对方";
    ConflictBothChanged => "{item}: {field} changed on both sides (mine: {ours}; {from}: {theirs}); mine is kept until the conflict is resolved", "{item}：{field} 双方都改了（我方：{ours}；{from}：{theirs}）；解决冲突前保留我方的值";
    ConflictDeletedAndEdited => "{item}: {field} deleted on one side and edited on the other (mine: {ours}; {from}: {theirs}); mine is kept until the conflict is resolved", "{item}：{field} 一方删除、另一方修改（我方：{ours}；{from}：{theirs}）；解决冲突前保留我方";
    ConflictDeletedButUsed => "{item} was deleted on one side but is still used on the other ({from}); it was kept until the conflict is resolved", "{item} 被一方删除，但另一方（{from}）仍在使用，已暂时保留，待解决冲突";
    ConflictWouldBreak => "{item}: the change from {from} does not fit with mine (a cycle, or an item in two places); mine is kept until the conflict is resolved", "{item}：来自 {from} 的修改与我方的修改无法同时成立（形成循环或一项在两处）；解决冲突前保留我方";
    PackUnknownDepartment => "there is no department or role \"{unit}\" in the project", "项目中没有部门或岗位 “{unit}”";
    PackNotAPack => "the file is not a department pack (it has no \"pack\" section)", "该文件不是部门数据包（没有 “pack” 部分）";
    PackIsAPack => "this is a department pack; packs are sent from and merged into the company file", "这是一个部门数据包；数据包只能从公司文件发出并合并回公司文件";
    MergeCliClean => "Merged: {incoming} changes came in, no conflicts. Written to {path}.", "已合并：引入 {incoming} 处修改，没有冲突。已写入 {path}。";
    MergeCliConflicts => "Merged with {n} conflicts ({incoming} changes came in); each keeps mine and is listed in the file until resolved. Written to {path}.", "已合并，有 {n} 处冲突（引入 {incoming} 处修改）；冲突处保留我方的值并记录在文件中，待解决。已写入 {path}。";
    MergeCliRenamed => "Both sides added {old}: theirs is now {new}.", "双方都新增了 {old}：对方的改为 {new}。";
    MergeCliIncoming => "in: {path}: {before} → {after}", "引入：{path}：{before} → {after}";
    MergeCliConflict => "conflict: {text}", "冲突：{text}";
    MergeBase => "the common base", "共同的基础版本";
    MergeOurs => "ours", "我方版本";
    MergeTheirsFile => "theirs", "对方版本";
    PackWritten => "Pack for {unit} written to {path}: {kpis} KPIs, {elements} data elements, {initiatives} initiatives.", "已为 {unit} 生成数据包 {path}：{kpis} 个指标、{elements} 个基础数据项、{initiatives} 个行动方案。";
    GitSetupDone => "Set up {repo}: .gitattributes sends *.json project files to the scorecard merge driver ({command}).", "已设置 {repo}：.gitattributes 将 *.json 项目文件交给计分卡合并驱动（{command}）。";
    GitSetupNotARepo => "{path} is not a git repository (no .git folder); run git init first", "{path} 不是 git 仓库（没有 .git 文件夹）；请先运行 git init";
    GitSetupFailed => "git config failed: {reason}", "git config 失败：{reason}";
    // The merge window and the pack banner.
    MergeWindowTitle => "Merge", "合并";
    MergeWindowFrom => "Changes from {from}", "来自 {from} 的修改";
    MergeIncomingHeading => "Came in ({n})", "已引入（{n}）";
    MergeConflictsHeading => "Conflicts to decide ({n})", "待决定的冲突（{n}）";
    MergeMore => "… and {n} more changes", "……另有 {n} 处修改";
    MergeNoConflicts => "No conflicts: every change merged by itself.", "没有冲突：所有修改都已自动合并。";
    MergeKeepMine => "Keep mine", "保留我方";
    MergeTakeTheirs => "Take theirs", "采用对方";
    MergeEdit => "Edit…", "编辑…";
    MergeEditValue => "Value (as in the file, e.g. 1200 or \"text\")", "值（按文件写法，如 1200 或 \"文字\"）";
    MergeEditApply => "Use this value", "使用此值";
    MergeValueRefused => "That value does not fit {path}", "该值不适用于 {path}";
    MergeStep => "Merge {from}", "合并 {from}";
    MergeResolveStep => "Resolve conflict {path}", "解决冲突 {path}";
    MergeApplied => "Merged {from}: {incoming} changes, {conflicts} conflicts left to decide", "已合并 {from}：{incoming} 处修改，{conflicts} 处冲突待决定";
    MergeNothing => "{from} has nothing that is not already here", "{from} 没有需要合并的新内容";
    MergeOnDisk => "Merge", "合并";
    MergeOnDiskHint => "Merge the version on disk into this one, then save", "把磁盘上的版本合并到当前文档，然后保存";
    MergeNoBase => "The version this document was opened from is not known, so the two cannot be merged by meaning; use Save as", "不知道当前文档打开时的版本，无法按内容合并；请用“另存为”";
    MergeOpenConflicts => "Conflicts ({n})…", "冲突（{n}）…";
    MenuSendToDepartment => "Send to department…", "发送给部门…";
    MenuMergePack => "Merge returned pack…", "合并返回的数据包…";
    MenuConflicts => "Conflicts…", "冲突…";
    TipSendToDepartment => "Write a pack with only what one department head works on: its KPIs, targets, weights, actuals and initiatives, with the map as context", "生成只包含某部门负责人需要处理内容的数据包：其指标、目标、权重、实际值和行动方案，战略地图作为参考";
    TipMergePack => "Bring a department's returned pack back into this file, by meaning; conflicts are listed to decide", "将部门返回的数据包按内容合并回本文件；冲突会列出供决定";
    TipConflicts => "The conflicts a merge left to decide", "合并后待决定的冲突";
    SendToDepartmentTitle => "Send to department", "发送给部门";
    SendToDepartmentPick => "Department or role", "部门或岗位";
    SendToDepartmentWrite => "Write pack…", "生成数据包…";
    PackBanner => "Department pack for {unit} (from {source}, {date}). You may change weights, targets, actuals, commentary and your own KPIs; the strategy map is the company's and read-only.", "{unit} 的部门数据包（来自 {source}，{date}）。可修改权重、目标、实际值、分析说明和本部门指标；战略地图属于公司，只读。";
    PackReadOnly => "In a department pack the strategy map and the project settings are the company's and cannot be changed here", "部门数据包中的战略地图和项目设置属于公司，不能在此修改";
    ConflictsBanner => "{n} merge conflicts to decide", "{n} 处合并冲突待决定";
    // The appraisal year: the change record, sign-off, closed periods, dated changes, roll forward.
    Thresholds => "Thresholds", "阈值";
    SignOff => "Sign-off", "签核";
    SignOffDraft => "Draft", "草稿";
    SignOffSubmitted => "Submitted", "已提交";
    SignOffAgreed => "Agreed", "已同意";
    SignOffReturned => "Returned", "已退回";
    SignOffLine => "{status} by {who} on {date}", "{status}（{who}，{date}）";
    SignOffNobody => "someone", "未署名";
    ChangedSinceAgreed => "Changed since agreed", "同意后已变更";
    EffectiveFrom => " (from {date})", "（自 {date} 起生效）";
    PeriodClosedEvent => "{period} closed", "{period} 已关账";
    PeriodReopenedEvent => "{period} reopened", "{period} 已重新打开";
    RolledOverFrom => "Rolled forward from the {year} scorecard ({file}) on {date}.", "由 {year} 年度计分卡（{file}）于 {date} 结转而来。";
    PeriodIsClosed => "{period} is closed: its actuals and commentary can no longer be changed. Reopen the period (Edit → Close or reopen periods…) to change them.", "{period} 已关账：其实际值和分析说明不能再修改。如需修改，请先重新打开该期间（编辑 → 关账与重新打开期间…）。";
    ChangeBeforeLaterChange => "A later change of this value already takes effect on {date}: changes are entered in the order they take effect.", "该值已有一项自 {date} 起生效的变更：变更须按生效先后录入。";
    HistoryHeading => "Change history", "变更记录";
    HistoryNone => "No changes recorded yet.", "暂无变更记录。";
    HistoryBy => "{date} · {who}", "{date} · {who}";
    ActSubmitSignOff => "Submit for agreement", "提交审批";
    ActAgreeSignOff => "Agree", "同意";
    ActReturnSignOff => "Return…", "退回…";
    ActReopenSignOff => "Reopen as draft", "重新打开为草稿";
    SignOffStep => "{unit}: {status}", "{unit}：{status}";
    TakesEffect => "Takes effect", "生效时间";
    WholeYear => "For every period", "所有期间";
    FromPeriod => "From {period}", "自 {period} 起";
    ReasonTitle => "Reason for the change", "变更原因";
    ReasonPrompt => "{unit} was agreed on {date}. Why do its targets or weights change? The reason goes into the change record and the performance contract.", "{unit} 已于 {date} 同意。为什么要修改其目标或权重？原因将记入变更记录和绩效合同。";
    ReasonField => "Reason", "原因";
    ReasonStep => "Reason for change", "变更原因";
    ReturnTitle => "Return {unit}", "退回 {unit}";
    ReturnComment => "Comment for the department", "给部门的意见";
    AuthorField => "Your name (for the change record)", "您的姓名（用于变更记录）";
    MenuAuthor => "Your name for the record…", "变更记录署名…";
    TipAuthor => "The name written with every change to targets and weights, sign-off and period close", "每次修改目标和权重、签核、关账时记录的姓名";
    AuthorTitle => "Your name", "您的姓名";
    MenuPeriods => "Close or reopen periods…", "关账与重新打开期间…";
    TipPeriods => "Close a period to lock its actuals and commentary; reopen it with a reason for the record", "关账以锁定期间的实际值和分析说明；说明原因后可重新打开，并记入变更记录";
    PeriodClosedState => "Closed", "已关账";
    ClosePeriodButton => "Close", "关账";
    ReopenButton => "Reopen", "重新打开";
    ReopenNeedsReason => "Write the reason for reopening first", "请先填写重新打开的原因";
    ClosePeriodStep => "Close {period}", "关账 {period}";
    ReopenPeriodStep => "Reopen {period}", "重新打开 {period}";
    PeriodsTitle => "Periods", "期间关账";
    MenuNewYear => "New year from this one…", "由本年度新建下一年度…";
    TipNewYear => "Start next year's scorecard: the same map, KPIs, units and weights, open initiatives; no actuals; baselines from this year's results", "新建下一年度计分卡：沿用战略地图、指标、组织和权重及未完成的行动方案；清空实际值；以本年结果作为基线";
    NewYearTitle => "New year from this one", "由本年度新建下一年度";
    NewYearTargets => "Next year's targets", "下一年度目标";
    NewYearKeep => "Keep this year's targets", "沿用本年目标";
    NewYearLastActual => "This year's results", "以本年实际结果为目标";
    NewYearGrow => "This year's targets grown by (%)", "本年目标增长（%）";
    NewYearCreate => "Create…", "创建…";
    NewYearMade => "{name} made: {kpis} KPIs with baselines from {year}; save it to keep it", "已创建 {name}：{kpis} 个指标，基线取自 {year} 年结果；请保存";
    RolloverDone => "Wrote {path}: {kpis} KPIs for {year}, baselines from this year's results, targets: {targets}", "已写入 {path}：{year} 年度 {kpis} 个指标，基线取自本年结果，目标：{targets}";
    ContractSignOff => "Sign-off", "签核状态";
    ContractAgreedOn => "Agreed on {date} by {who}", "已于 {date} 同意（{who}）";
    ContractChangesSince => "Changes since agreement", "同意后的变更";
    ContractHistory => "Change record", "变更记录";
    ContractItem => "KPI", "指标";
    ContractChange => "Change", "变更";
    ContractBy => "By", "修改人";
    ContractReason => "Reason", "原因";
    ContractNoReason => "(no reason given)", "（未说明原因）";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Texts that are the same in both languages on purpose.
    const SAME_IN_BOTH: &[T] = &[T::ActShowKpis, T::Kpis];

    #[test]
    fn every_text_is_translated() {
        let mut seen = std::collections::HashSet::new();
        for &t in T::ALL {
            assert!(seen.insert(t), "{t:?} twice");
            assert!(!t.en().trim().is_empty() && !t.zh().trim().is_empty(), "{t:?} is empty");
            assert!(
                !has_cjk(t.en()) || t.en().contains('(') || t.en().contains('（'),
                "{t:?}: English text has Chinese: {}",
                t.en()
            );
            if !SAME_IN_BOTH.contains(&t) && !t.zh().chars().all(|c| !c.is_alphabetic() || c.is_ascii()) {
                assert!(has_cjk(t.zh()), "{t:?}: the Chinese text has no Chinese: {}", t.zh());
            }
        }
    }

    /// Texts whose languages write a value differently and so take different holes: "2026-03"
    /// needs the month with two digits, "2026年3月" without.
    const LANGUAGE_SPECIFIC_HOLES: &[T] = &[T::MonthHeader, T::PeriodMonthLabel];

    #[test]
    fn both_languages_take_the_same_parameters() {
        for &t in T::ALL.iter().filter(|t| !LANGUAGE_SPECIFIC_HOLES.contains(t)) {
            assert_eq!(
                t.holes(Lang::En),
                t.holes(Lang::Zh),
                "{t:?}: the two languages take different parameters"
            );
        }
    }

    #[test]
    fn fill_puts_each_argument_in_its_hole() {
        let t = T::ToastSaved;
        assert_eq!(t.fill(Lang::En, &[("name", &"a.json")]), "Saved a.json");
        assert_eq!(t.fill(Lang::Zh, &[("name", &"a.json")]), "已保存 a.json");
    }
}
