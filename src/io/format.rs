//! The JSON layout of project files: indented like `serde_json`'s pretty printer, except that
//! small things stay on one line: arrays of plain values (`"tags": ["financial", "lagging"]`),
//! objects in nested lists (one line per period, per status rule, per band) and anything deeper.
//! That keeps files readable and makes a changed value a one-line diff.

use serde_json::ser::{CompactFormatter, Formatter};
use std::io::{self, Write};

/// Objects at this depth or deeper (root object = 1) are written on one line.
const INLINE_DEPTH: usize = 5;
/// Objects that are elements of an array this deep or deeper are written on one line each: the
/// periods of a series (array at depth 4), status rules and grades (depth 3), bands. Items of the
/// top-level collections (arrays at depth 2) stay indented blocks.
const ARRAY_ITEM_INLINE_DEPTH: usize = 3;
const INDENT: &[u8] = b"  ";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// An array whose first element has not been seen: its layout is decided by that element.
    Undecided,
    Block,
    Inline,
}

#[derive(Clone, Copy)]
struct Frame {
    layout: Layout,
    has_value: bool,
    is_array: bool,
}

/// A `serde_json` formatter producing the project file layout.
pub struct ProjectFormatter {
    stack: Vec<Frame>,
    /// Set between `begin_array_value` of a first element and the element's first token.
    pending_first: bool,
}

impl Default for ProjectFormatter {
    fn default() -> Self {
        Self { stack: Vec::with_capacity(8), pending_first: false }
    }
}

impl ProjectFormatter {
    fn indent<W: ?Sized + Write>(&self, w: &mut W, depth: usize) -> io::Result<()> {
        for _ in 0..depth {
            w.write_all(INDENT)?;
        }
        Ok(())
    }

    /// Called before the first token of any value. When the value is the first element of an
    /// undecided array, it decides that array's layout: scalars inline, containers in a block.
    fn before_value<W: ?Sized + Write>(&mut self, w: &mut W, is_container: bool) -> io::Result<()> {
        if !self.pending_first {
            return Ok(());
        }
        self.pending_first = false;
        let depth = self.stack.len();
        if let Some(top) = self.stack.last_mut()
            && top.layout == Layout::Undecided
        {
            // Containers get a line each (and are themselves inline when deep enough).
            if is_container {
                top.layout = Layout::Block;
                w.write_all(b"\n")?;
                self.indent(w, depth)?;
            } else {
                top.layout = Layout::Inline;
            }
        }
        Ok(())
    }

    fn push(&mut self, layout: Layout, is_array: bool) {
        self.stack.push(Frame { layout, has_value: false, is_array });
    }

    fn top_layout(&self) -> Layout {
        self.stack.last().map_or(Layout::Block, |f| f.layout)
    }
}

macro_rules! scalar {
    ($($name:ident($ty:ty)),* $(,)?) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W, value: $ty) -> io::Result<()> {
            self.before_value(w, false)?;
            CompactFormatter.$name(w, value)
        }
    )*};
}

impl Formatter for ProjectFormatter {
    scalar!(
        write_bool(bool),
        write_i8(i8),
        write_i16(i16),
        write_i32(i32),
        write_i64(i64),
        write_i128(i128),
        write_u8(u8),
        write_u16(u16),
        write_u32(u32),
        write_u64(u64),
        write_u128(u128),
        write_f32(f32),
        write_f64(f64),
        write_number_str(&str),
        write_byte_array(&[u8]),
    );

    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.before_value(w, false)?;
        w.write_all(b"null")
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.before_value(w, false)?;
        w.write_all(b"\"")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.before_value(w, true)?;
        let inline = self.top_layout() == Layout::Inline;
        self.push(if inline { Layout::Inline } else { Layout::Undecided }, true);
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pending_first = false;
        let frame =
            self.stack.pop().unwrap_or(Frame { layout: Layout::Inline, has_value: false, is_array: false });
        if frame.layout == Layout::Block && frame.has_value {
            w.write_all(b"\n")?;
            self.indent(w, self.stack.len())?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        let depth = self.stack.len();
        let Some(top) = self.stack.last_mut() else { return Ok(()) };
        top.has_value = true;
        match (top.layout, first) {
            (Layout::Undecided, _) => {
                self.pending_first = true;
                Ok(())
            }
            (Layout::Inline, true) => Ok(()),
            (Layout::Inline, false) => w.write_all(b", "),
            (Layout::Block, _) => {
                w.write_all(if first { b"\n" } else { b",\n" })?;
                self.indent(w, depth)
            }
        }
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.before_value(w, true)?;
        let in_array = self.stack.last().is_some_and(|f| f.is_array);
        let inline = self.top_layout() == Layout::Inline
            || self.stack.len() + 1 >= INLINE_DEPTH
            || (in_array && self.stack.len() >= ARRAY_ITEM_INLINE_DEPTH);
        self.push(if inline { Layout::Inline } else { Layout::Block }, false);
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let frame =
            self.stack.pop().unwrap_or(Frame { layout: Layout::Inline, has_value: false, is_array: false });
        match (frame.layout, frame.has_value) {
            (_, false) => w.write_all(b"}"),
            (Layout::Inline, true) => w.write_all(b" }"),
            (_, true) => {
                w.write_all(b"\n")?;
                self.indent(w, self.stack.len())?;
                w.write_all(b"}")
            }
        }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        let depth = self.stack.len();
        let Some(top) = self.stack.last_mut() else { return Ok(()) };
        top.has_value = true;
        if top.layout == Layout::Inline {
            w.write_all(if first { b" " } else { b", " })
        } else {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            self.indent(w, depth)
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }
}

/// Serialises `value` in the project file layout, with a final newline.
pub fn to_vec<T: serde::Serialize + ?Sized>(value: &T, capacity: usize) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(capacity);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ProjectFormatter::default());
    value.serialize(&mut ser)?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn show(v: &serde_json::Value) -> String {
        String::from_utf8(to_vec(v, 0).unwrap()).unwrap()
    }

    #[test]
    fn layout_of_a_small_document() {
        let v = json!({
            "format": "x",
            "empty": [],
            "tags": ["a", "b"],
            "kpis": [
                { "id": "kpi-1", "series": [ { "date": "2026-01-01", "actual": 1.5 }, { "date": "2026-02-01" } ],
                  "scoring": { "method": "points", "step": 5.0 }, "nums": [1, 2], "none": {} }
            ]
        });
        let expected = r#"{
  "empty": [],
  "format": "x",
  "kpis": [
    {
      "id": "kpi-1",
      "none": {},
      "nums": [1, 2],
      "scoring": {
        "method": "points",
        "step": 5.0
      },
      "series": [
        { "actual": 1.5, "date": "2026-01-01" },
        { "date": "2026-02-01" }
      ]
    }
  ],
  "tags": ["a", "b"]
}
"#;
        assert_eq!(show(&v), expected);
    }

    #[test]
    fn output_is_valid_json_that_reads_back_equal() {
        let v = json!({"a": [[1, [2, {"b": [3, {"c": null}]}]], {"d": [true, false]}], "e": "\"q\"\n"});
        let text = show(&v);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
