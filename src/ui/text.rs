//! Every string the GUI shows, in English and Chinese. The macro makes a missing translation a
//! compile error; `tests::every_text_is_translated` checks that the Chinese really is Chinese,
//! and `tests/i18n.rs` that views use this table rather than literal strings.

use crate::i18n::Lang;

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A translatable GUI text.
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
    ActExportContracts => "Performance contracts (HTML)…", "绩效合同（HTML）…";
    ActExportXlsx => "Scorecard and data (XLSX)…", "计分卡与数据（XLSX）…";
    ActExportCsv => "Data (CSV)…", "数据（CSV）…";
    ActImport => "Import actuals…", "导入实际值…";
    // Shell
    Navigator => "Navigator", "导航";
    Inspector => "Inspector", "属性";
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
    Browse => "Browse…", "浏览…";
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
    NoClamp => "no limit", "不限";
    StatusRules => "Status rules (first match wins)", "状态规则（按顺序，先匹配先生效）";
    Why => "Why this score", "得分说明";
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
    NameRequired => "A name is required", "名称不能为空";
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
    ConnectPickCause => "Connect mode: click the cause, then the effect", "连线模式：先点击原因，再点击结果";
    ConnectPickEffect => "Now click the effect", "请点击结果";
    ResizeHandle => "Resize", "调整大小";
    MapHint => "Double-click a band to add an objective; drag a box's orange handle onto another to link them.", "双击维度区域添加战略目标；拖动目标上的橙色圆点到另一目标即可建立因果关系。";
    ThemeLegend => "Strategic themes", "战略主题";
    ShowAll => "Show all", "全部显示";
    MoveObjectives => "Move objectives", "移动战略目标";
    LinkObjectives => "Link objectives", "建立因果关系";
    RenameObjective => "Rename objective", "重命名战略目标";
    NewObjectiveField => "Objective name", "战略目标名称";
    ExitPresentation => "Esc: leave presentation mode", "Esc：退出演示模式";
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
    PromoteTo => "Promote to", "采用到";
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
    EditWeights => "Edit weights", "编辑权重";
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
}

/// A frequency's name.
pub fn frequency(f: crate::model::Frequency) -> T {
    use crate::model::Frequency::*;
    match f {
        Weekly => T::Weekly,
        Monthly => T::Monthly,
        Quarterly => T::Quarterly,
        HalfYearly => T::HalfYearly,
        Yearly => T::Yearly,
    }
}

pub fn polarity(p: crate::model::Polarity) -> T {
    use crate::model::Polarity::*;
    match p {
        HigherIsBetter => T::HigherIsBetter,
        LowerIsBetter => T::LowerIsBetter,
        ClosestToTarget => T::ClosestToTarget,
    }
}

pub fn aggregation(a: crate::model::Aggregation) -> T {
    use crate::model::Aggregation::*;
    match a {
        Sum => T::AggSum,
        Average => T::AggAverage,
        Last => T::AggLast,
    }
}

pub fn roll_up(r: crate::model::RollUp) -> T {
    use crate::model::RollUp::*;
    match r {
        WeightedAverage => T::RollWeighted,
        Average => T::RollAverage,
        Worst => T::RollWorst,
        Sum => T::RollSum,
    }
}

pub fn department_kind(k: crate::model::DepartmentKind) -> T {
    use crate::model::DepartmentKind::*;
    match k {
        Company => T::KindCompany,
        Division => T::KindDivision,
        Department => T::KindDepartment,
        Team => T::KindTeam,
        Role => T::KindRole,
    }
}

pub fn initiative_status(s: crate::model::InitiativeStatus) -> T {
    use crate::model::InitiativeStatus::*;
    match s {
        Planned => T::StatusPlanned,
        InProgress => T::StatusInProgress,
        OnHold => T::StatusOnHold,
        Done => T::StatusDone,
        Cancelled => T::StatusCancelled,
    }
}

pub fn missing_data(m: crate::model::MissingData) -> T {
    use crate::model::MissingData::*;
    match m {
        Skip => T::MissingSkip,
        Zero => T::MissingZero,
        CarryForward => T::MissingCarry,
    }
}

/// The name of a KPI tag.
pub fn tag(t: crate::model::KpiTag, lang: Lang) -> &'static str {
    use crate::model::KpiTag::*;
    match t {
        Financial => lang.pick("financial", "财务"),
        NonFinancial => lang.pick("non-financial", "非财务"),
        Quantitative => lang.pick("quantitative", "定量"),
        Qualitative => lang.pick("qualitative", "定性"),
        Leading => lang.pick("leading", "先行"),
        Lagging => lang.pick("lagging", "滞后"),
        PointInTime => lang.pick("point in time", "时点"),
        OverPeriod => lang.pick("over a period", "时期"),
    }
}

/// The name of a scoring method in menus.
pub fn method(m: &crate::model::ScoringMethod) -> T {
    use crate::model::ScoringMethod::*;
    match m {
        AchievementRatio => T::MethodRatio,
        SignSafe => T::MethodSignSafe,
        ProgressFromBaseline => T::MethodProgress,
        RangeNormalisation => T::MethodRange,
        Bands { .. } => T::MethodBands,
        Points { .. } => T::MethodPoints,
        ClosestToTarget { .. } => T::MethodClosest,
        Binary => T::MethodBinary,
    }
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
            if !SAME_IN_BOTH.contains(&t) {
                assert!(has_cjk(t.zh()), "{t:?}: the Chinese text has no Chinese: {}", t.zh());
            }
        }
    }

    #[test]
    fn every_glyph_is_in_the_bundled_font() {
        // A character outside the bundled font would show as a box on a machine without
        // system CJK fonts (and make the test harness panic).
        use skrifa::MetadataProvider;
        let bytes = super::super::fonts::CJK_FONT;
        let font = skrifa::FontRef::new(bytes).expect("the bundled font parses");
        let charmap = font.charmap();
        for &t in T::ALL {
            for c in t.zh().chars().chain(t.en().chars()) {
                assert!(
                    charmap.map(c).is_some() || c.is_ascii(),
                    "{t:?}: '{c}' (U+{:04X}) is not in the bundled font",
                    c as u32
                );
            }
        }
    }
}
