//! Every export, as data: what to export (`ExportKind`), for which period and language
//! (`ExportRequest`), and one function that makes the files (`render`) and one that writes them
//! (`write`). The command line and the window both call these, so a map, a workbook or a contract
//! reads the same whichever made it. Adding a format is a variant here, its arm in `render`, and
//! its name in the catalog; the window's menu and palette list it through the command registry.

use crate::i18n::{Lang, T};
use crate::model::{DepartmentId, Project};
use crate::score::{PeriodSpec, ScoreBook};
use std::path::{Path, PathBuf};

pub use super::map_svg::{Paper, SvgText};

/// Which departments' and roles' contracts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContractScope {
    /// Every unit that carries KPIs, in tree order.
    All,
    /// These units (each must carry KPIs).
    Only(Vec<DepartmentId>),
}

/// What can be exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The strategy map with this period's scores, as a vector picture.
    MapSvg,
    /// The same picture as PNG, for slides and documents.
    MapPng,
    /// The same picture on a landscape page, as a vector PDF with the font embedded.
    MapPdf(Paper),
    /// The scorecard, the actuals and the monthly grid as an Excel workbook.
    DataXlsx,
    /// The actuals in long format, which `import` reads back.
    ActualsCsv,
    /// The performance contracts as one HTML document (to print them together).
    Contracts(ContractScope),
    /// One HTML file per contract in a folder (to send each holder theirs).
    ContractFiles(ContractScope),
    /// The monthly review pack as one PDF: for the whole company or one unit and its sub-units.
    ReviewPack { department: Option<DepartmentId>, sections: super::review_pack::Sections },
    /// The same pack as one self-contained HTML file (the pages as SVG, print CSS).
    ReviewPackHtml { department: Option<DepartmentId>, sections: super::review_pack::Sections },
}

impl ExportKind {
    /// The file extension, or `None` for a folder of files.
    pub fn extension(&self) -> Option<&'static str> {
        match self {
            ExportKind::MapSvg => Some("svg"),
            ExportKind::MapPng => Some("png"),
            ExportKind::MapPdf(_) => Some("pdf"),
            ExportKind::DataXlsx => Some("xlsx"),
            ExportKind::ActualsCsv => Some("csv"),
            ExportKind::Contracts(_) => Some("html"),
            ExportKind::ContractFiles(_) => None,
            ExportKind::ReviewPack { .. } => Some("pdf"),
            ExportKind::ReviewPackHtml { .. } => Some("html"),
        }
    }

    /// What the export is called in menus and messages.
    pub fn name(&self, lang: Lang) -> &'static str {
        match self {
            ExportKind::MapSvg => T::ActExportMapSvg,
            ExportKind::MapPng => T::ActExportMapPng,
            ExportKind::MapPdf(_) => T::ActExportMapPdf,
            ExportKind::DataXlsx => T::ActExportXlsx,
            ExportKind::ActualsCsv => T::ActExportCsv,
            ExportKind::Contracts(_) | ExportKind::ContractFiles(_) => T::ActExportContracts,
            ExportKind::ReviewPack { .. } => T::ActExportReviewPack,
            ExportKind::ReviewPackHtml { .. } => T::ActExportReviewPackHtml,
        }
        .get(lang)
    }
}

/// An export: what, for which period, in which language.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub kind: ExportKind,
    pub period: PeriodSpec,
    pub lang: Lang,
    /// Pixels per SVG unit for PNG pictures.
    pub png_scale: f32,
    /// Whether an SVG carries the font or draws text as outlines.
    pub svg_text: SvgText,
    /// The map with KPIs listed under each objective.
    pub map_kpis: bool,
    /// Curved or orthogonal links on the map.
    pub map_links: super::map_layout::LinkStyle,
    /// The date printed on contracts.
    pub today: chrono::NaiveDate,
}

/// The PNG scale the window uses, and the command line's default: sharp on a projector and in print.
pub const DEFAULT_PNG_SCALE: f32 = 3.0;

impl ExportRequest {
    pub fn new(kind: ExportKind, period: PeriodSpec, lang: Lang) -> Self {
        Self {
            kind,
            period,
            lang,
            png_scale: DEFAULT_PNG_SCALE,
            svg_text: SvgText::default(),
            map_kpis: false,
            map_links: Default::default(),
            today: chrono::Local::now().date_naive(),
        }
    }
}

/// One file an export makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why an export made nothing. Nothing is written.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportError {
    /// No department or role carries KPIs.
    NoContracts,
    /// A unit asked for does not exist.
    NoSuchUnit(String),
    /// A unit asked for carries no KPIs.
    UnitWithoutKpis(String),
    /// The PNG scale is not a positive number up to 10.
    BadScale,
    /// The picture or workbook could not be made (a library's reason).
    Render(String),
    /// A file could not be written.
    Write { path: PathBuf, reason: crate::i18n::Message },
}

impl ExportError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ExportError::NoContracts => T::NoContractToExport.get(lang).into(),
            ExportError::NoSuchUnit(wanted) => crate::tr!(lang, NoSuchUnit, wanted = wanted),
            ExportError::UnitWithoutKpis(wanted) => crate::tr!(lang, CarriesNoKPIsSoIt, wanted = wanted),
            ExportError::BadScale => T::BadPngScale.get(lang).into(),
            ExportError::Render(reason) => reason.clone(),
            ExportError::Write { reason, .. } => reason.get(lang).into(),
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ExportError {}

/// The units a contract export covers, as department indices, or why there are none.
pub fn contract_units(project: &Project, scope: &ContractScope) -> Result<Vec<usize>, ExportError> {
    let carrying = super::contract::contract_units(project);
    let units = match scope {
        ContractScope::All => carrying,
        ContractScope::Only(ids) => {
            let mut units = Vec::new();
            for id in ids {
                match project.departments.iter().position(|d| &d.id == id) {
                    Some(d) if carrying.contains(&d) => units.push(d),
                    Some(d) => return Err(ExportError::UnitWithoutKpis(project.departments[d].name.clone())),
                    None => return Err(ExportError::NoSuchUnit(id.to_string())),
                }
            }
            units
        }
    };
    if units.is_empty() { Err(ExportError::NoContracts) } else { Ok(units) }
}

/// The name the window proposes for the export: "物流公司.svg", "dept-9-销售部.html".
pub fn default_file_name(project: &Project, request: &ExportRequest) -> String {
    let base = super::sanitize_file_name(&project.info.name);
    match &request.kind {
        ExportKind::Contracts(scope) | ExportKind::ContractFiles(scope) => {
            match contract_units(project, scope).as_deref() {
                Ok([d]) if matches!(request.kind, ExportKind::Contracts(_)) => {
                    super::contract::contract_file_name(project, *d)
                }
                _ if matches!(request.kind, ExportKind::ContractFiles(_)) => {
                    format!("{base}-{}", T::Contracts.get(request.lang))
                }
                _ => format!("{base}-{}.html", T::Contracts.get(request.lang)),
            }
        }
        ExportKind::ReviewPack { .. } | ExportKind::ReviewPackHtml { .. } => format!(
            "{base}-{}-{}.{}",
            T::PackTitle.get(request.lang),
            request.period,
            request.kind.extension().unwrap_or("pdf")
        ),
        kind => format!("{base}.{}", kind.extension().unwrap_or_default()),
    }
}

/// Makes the export's files. Pure: scores the project for the request's period and renders.
pub fn render(project: &Project, request: &ExportRequest) -> Result<Vec<ExportFile>, ExportError> {
    render_with(project, request, &|_| {})
}

/// `render`, telling `progress` the share done (0–1) of a long export (the review pack).
pub fn render_with(
    project: &Project,
    request: &ExportRequest,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<ExportFile>, ExportError> {
    let lang = request.lang;
    let period_label = request.period.label(lang);
    let one = |bytes: Vec<u8>| Ok(vec![ExportFile { name: default_file_name(project, request), bytes }]);
    match &request.kind {
        ExportKind::MapSvg | ExportKind::MapPng | ExportKind::MapPdf(_) => {
            let book = ScoreBook::compute(project, request.period);
            let options = super::map_svg::SvgOptions {
                lang,
                scores: Some(&book),
                period_label,
                kpis: request.map_kpis,
                links: request.map_links,
            };
            let svg = super::map_svg::map_svg(project, &options);
            match request.kind {
                ExportKind::MapSvg => {
                    return one(match request.svg_text {
                        SvgText::EmbeddedFont => super::map_svg::embed_font(&svg),
                        SvgText::Paths => super::map_svg::text_to_paths(&svg).map_err(ExportError::Render)?,
                    }
                    .into_bytes());
                }
                ExportKind::MapPdf(paper) => {
                    return one(super::map_svg::svg_to_pdf(&svg, paper).map_err(ExportError::Render)?);
                }
                _ => {}
            }
            let scale = request.png_scale;
            if !(scale.is_finite() && scale > 0.0 && scale <= 10.0) {
                return Err(ExportError::BadScale);
            }
            one(super::map_svg::svg_to_png(&svg, scale).map_err(ExportError::Render)?)
        }
        ExportKind::DataXlsx => {
            let book = ScoreBook::compute(project, request.period);
            one(super::export_data::data_xlsx(project, &book, lang, &period_label)
                .map_err(ExportError::Render)?)
        }
        ExportKind::ActualsCsv => one(super::export_data::actuals_csv(project, lang)),
        ExportKind::ReviewPack { department, sections }
        | ExportKind::ReviewPackHtml { department, sections } => {
            let department = match department {
                None => None,
                Some(id) => Some(
                    project
                        .departments
                        .iter()
                        .position(|d| &d.id == id)
                        .ok_or_else(|| ExportError::NoSuchUnit(id.to_string()))?,
                ),
            };
            let options = super::review_pack::PackOptions {
                lang,
                period: request.period,
                department,
                sections: *sections,
                today: request.today,
            };
            if matches!(request.kind, ExportKind::ReviewPackHtml { .. }) {
                return one(super::review_pack::pack_html(project, &options).into_bytes());
            }
            one(super::review_pack::pack_pdf(project, &options, progress).map_err(ExportError::Render)?)
        }
        ExportKind::Contracts(scope) | ExportKind::ContractFiles(scope) => {
            let units = contract_units(project, scope)?;
            let book = ScoreBook::compute(project, request.period);
            let opts =
                super::contract::ContractOptions { lang, book: &book, period_label, today: request.today };
            if matches!(request.kind, ExportKind::Contracts(_)) {
                return one(super::contract::contracts_html(project, &units, &opts).into_bytes());
            }
            Ok(units
                .into_iter()
                .map(|d| ExportFile {
                    name: super::contract::contract_file_name(project, d),
                    bytes: super::contract::contracts_html(project, &[d], &opts).into_bytes(),
                })
                .collect())
        }
    }
}

/// Makes the export and writes it to `target`: the file itself, or for a folder export the folder
/// (created if missing) its files go into. Returns the paths written. Each file is written
/// atomically; nothing is written when the export cannot be made.
pub fn write(project: &Project, request: &ExportRequest, target: &Path) -> Result<Vec<PathBuf>, ExportError> {
    write_with(project, request, target, &|_| {})
}

/// `write`, telling `progress` the share done (0–1).
pub fn write_with(
    project: &Project,
    request: &ExportRequest,
    target: &Path,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<PathBuf>, ExportError> {
    let files = render_with(project, request, progress)?;
    let write_err =
        |path: &Path, reason: crate::i18n::Message| ExportError::Write { path: path.into(), reason };
    let paths: Vec<PathBuf> = if request.kind.extension().is_some() {
        vec![target.to_path_buf()]
    } else {
        std::fs::create_dir_all(target).map_err(|e| {
            write_err(target, crate::i18n::Message::new(|lang| crate::io::os_error_text(&e, lang)))
        })?;
        files.iter().map(|f| target.join(&f.name)).collect()
    };
    for (file, path) in files.iter().zip(&paths) {
        super::save_bytes(path, &file.bytes, &super::SaveOptions::default())
            .map_err(|e| write_err(path, crate::i18n::Message::new(|lang| e.describe(lang))))?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Project {
        let bytes = std::fs::read(format!("{}/sample-projects/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        crate::io::parse_project(&bytes).unwrap().project
    }

    fn request(kind: ExportKind) -> ExportRequest {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        ExportRequest {
            kind,
            period: PeriodSpec::Month { year: 2026, month: 10 },
            lang: Lang::En,
            png_scale: 1.0,
            svg_text: SvgText::default(),
            map_kpis: false,
            map_links: Default::default(),
            today,
        }
    }

    #[test]
    fn every_kind_makes_files_with_its_extension() {
        let p = sample("logistics-en.json");
        for kind in [
            ExportKind::MapSvg,
            ExportKind::MapPng,
            ExportKind::MapPdf(Paper::A4),
            ExportKind::DataXlsx,
            ExportKind::ActualsCsv,
            ExportKind::Contracts(ContractScope::All),
            ExportKind::ContractFiles(ContractScope::All),
        ] {
            let files = render(&p, &request(kind.clone())).unwrap();
            assert!(!files.is_empty() && files.iter().all(|f| !f.bytes.is_empty()), "{kind:?}");
            let ext = kind.extension().unwrap_or("html");
            assert!(files.iter().all(|f| f.name.ends_with(ext)), "{kind:?}: {:?}", files[0].name);
        }
        let many = render(&p, &request(ExportKind::ContractFiles(ContractScope::All))).unwrap();
        let one = render(&p, &request(ExportKind::Contracts(ContractScope::All))).unwrap();
        assert!(many.len() > 1 && one.len() == 1);
    }

    #[test]
    fn the_map_names_the_period_in_the_requests_language() {
        let p = sample("logistics-en.json");
        let mut r = request(ExportKind::MapSvg);
        let svg = String::from_utf8(render(&p, &r).unwrap().remove(0).bytes).unwrap();
        assert!(svg.contains("2026-10"), "the English label");
        // An English project exported in English holds no Chinese at all: title, subtitle,
        // legend and perspective names are all in the request's language.
        assert!(!svg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese in the English map");
        r.lang = Lang::Zh;
        let svg = String::from_utf8(render(&p, &r).unwrap().remove(0).bytes).unwrap();
        assert!(svg.contains("2026年10月"), "the Chinese label");
    }

    #[test]
    fn bad_requests_say_why_and_write_nothing() {
        let p = sample("logistics-en.json");
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.png");
        let mut r = request(ExportKind::MapPng);
        r.png_scale = 0.0;
        assert_eq!(write(&p, &r, &target), Err(ExportError::BadScale));
        assert!(!target.exists());
        let r = request(ExportKind::Contracts(ContractScope::Only(vec![DepartmentId::new("nobody")])));
        assert_eq!(render(&p, &r), Err(ExportError::NoSuchUnit("nobody".into())));
        let blank = Project::blank(Lang::En, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let r = request(ExportKind::Contracts(ContractScope::All));
        assert_eq!(render(&blank, &r), Err(ExportError::NoContracts));
        assert!(ExportError::NoContracts.describe(Lang::Zh).contains("绩效合同"));
    }

    #[test]
    fn a_folder_export_writes_one_file_per_unit() {
        let p = sample("logistics-en.json");
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("contracts");
        let written = write(&p, &request(ExportKind::ContractFiles(ContractScope::All)), &target).unwrap();
        assert_eq!(written.len(), super::super::contract::contract_units(&p).len());
        assert!(written.iter().all(|f| f.starts_with(&target) && f.exists()));
    }
}
