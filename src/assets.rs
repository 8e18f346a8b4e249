//! Files built into the binary.

/// Noto Sans SC cut down to GB2312 and the symbols the UI uses (OFL; assets/fonts/LICENSE-OFL.txt).
/// Chinese renders with it on a bare machine, in tests and in exported pictures.
pub static CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-GB2312.otf");

/// The family name of `CJK_FONT`, for SVG and PNG export.
pub const CJK_FONT_FAMILY: &str = "Noto Sans CJK SC";
