//! A check of an .xls file's structure before calamine reads it. calamine's reader follows sector
//! chains without noticing a loop (a damaged file makes it grow a buffer until memory runs out)
//! and lays each sheet out densely by the cells' bounding box (two damaged cell addresses make it
//! ask for 100 GB): both end the process, which no panic guard can catch. So the compound file's
//! allocation tables are checked for loops and bad sector numbers, and the workbook stream's cell
//! records for the box they span, by reading the structure here (a few hundred bytes of format).

/// Why an .xls file is refused before it is read.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsDamage {
    /// The compound-file structure is broken: what, in a few words.
    Structure(&'static str),
    /// A sheet's cells span more than the limit (rows × columns).
    TooLarge { cells: u64 },
}

const FREESECT: u32 = 0xFFFF_FFFF;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

struct Compound<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        let end = start.checked_add(self.sector_size)?;
        self.bytes.get(start..end.min(self.bytes.len())).filter(|s| !s.is_empty())
    }

    /// The sectors of a chain, at most `limit` of them.
    fn chain(&self, start: u32, table: &[u32], limit: usize) -> Result<Vec<u32>, XlsDamage> {
        let mut out = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN && id != FREESECT {
            if id >= RESERVED || id as usize >= table.len() {
                return Err(XlsDamage::Structure("a sector number points outside the file"));
            }
            if out.len() >= limit {
                return Err(XlsDamage::Structure("a sector chain loops"));
            }
            out.push(id);
            id = table[id as usize];
        }
        Ok(out)
    }

    fn read_chain(&self, start: u32, limit_bytes: usize) -> Result<Vec<u8>, XlsDamage> {
        let ids = self.chain(start, &self.fat, self.fat.len())?;
        let mut out = Vec::new();
        for id in ids {
            let s = self.sector(id).ok_or(XlsDamage::Structure("a sector lies past the end of the file"))?;
            out.extend_from_slice(s);
            if out.len() >= limit_bytes {
                out.truncate(limit_bytes);
                break;
            }
        }
        Ok(out)
    }
}

/// No chain in an allocation table may loop: in a table of n entries, a walk longer than n has.
fn check_no_loops(table: &[u32]) -> Result<(), XlsDamage> {
    // 0 unvisited, 1 on the current walk, 2 known to end.
    let mut state = vec![0u8; table.len()];
    for first in 0..table.len() {
        let mut walk = Vec::new();
        let mut id = first;
        loop {
            match state[id] {
                2 => break,
                1 => return Err(XlsDamage::Structure("a sector chain loops")),
                _ => {}
            }
            state[id] = 1;
            walk.push(id);
            let next = table[id];
            if next >= RESERVED {
                break;
            }
            if next as usize >= table.len() {
                return Err(XlsDamage::Structure("a sector number points outside the file"));
            }
            id = next as usize;
        }
        for w in walk {
            state[w] = 2;
        }
    }
    Ok(())
}

/// Checks an .xls file: the compound file's tables, then each sheet's cell box against `max_box`.
pub fn check(bytes: &[u8], max_box: u64) -> Result<(), XlsDamage> {
    let bad = XlsDamage::Structure;
    if bytes.len() < 512 || bytes[..8] != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        return Err(bad("the file header is missing"));
    }
    let shift = u16_at(bytes, 0x1E).unwrap_or(0);
    if shift != 9 && shift != 12 {
        return Err(bad("the sector size is not 512 or 4096 bytes"));
    }
    let sector_size = 1usize << shift;
    let sectors = bytes.len().div_ceil(sector_size).saturating_sub(1);
    let dir_start = u32_at(bytes, 0x30).unwrap_or(ENDOFCHAIN);
    let cutoff = u32_at(bytes, 0x38).unwrap_or(4096) as usize;
    let minifat_start = u32_at(bytes, 0x3C).unwrap_or(ENDOFCHAIN);
    let mut difat_next = u32_at(bytes, 0x44).unwrap_or(ENDOFCHAIN);
    let mut fat_sectors: Vec<u32> =
        (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).filter(|&s| s < RESERVED).collect();
    let mut c = Compound { bytes, sector_size, fat: Vec::new() };
    // DIFAT sectors: each lists FAT sectors and ends with the next DIFAT sector.
    let mut hops = 0;
    while difat_next < RESERVED {
        hops += 1;
        if hops > sectors {
            return Err(bad("the sector table chain loops"));
        }
        let s = c.sector(difat_next).ok_or(bad("a sector lies past the end of the file"))?;
        let n = sector_size / 4;
        fat_sectors.extend((0..n - 1).filter_map(|i| u32_at(s, 4 * i)).filter(|&x| x < RESERVED));
        difat_next = u32_at(s, 4 * (n - 1)).unwrap_or(ENDOFCHAIN);
    }
    if fat_sectors.len() > sectors {
        return Err(bad("more sector tables than sectors"));
    }
    for id in fat_sectors {
        let s = c.sector(id).ok_or(bad("a sector table lies past the end of the file"))?;
        c.fat.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    check_no_loops(&c.fat)?;
    // The directory: the root entry holds the mini stream; find the workbook stream.
    let dir = c.read_chain(dir_start, 64 * 1024 * 1024)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first().ok_or(bad("the directory is empty"))?;
    let entry_start = |e: &[u8]| u32_at(e, 116).unwrap_or(ENDOFCHAIN);
    let entry_size = |e: &[u8]| u32_at(e, 120).unwrap_or(0) as usize;
    let name = |e: &[u8]| {
        let len = (u16_at(e, 64).unwrap_or(0) as usize).min(64).saturating_sub(2);
        let units: Vec<u16> = (0..len / 2).filter_map(|i| u16_at(e, 2 * i)).collect();
        String::from_utf16_lossy(&units)
    };
    let Some(book) =
        entries.iter().find(|e| e.get(66) == Some(&2) && matches!(name(e).as_str(), "Workbook" | "Book"))
    else {
        return Err(bad("there is no workbook stream"));
    };
    let size = entry_size(book).min(bytes.len());
    let stream = if size < cutoff {
        // In the mini stream: 64-byte mini sectors chained by the mini table.
        let minifat_bytes = c.read_chain(minifat_start, bytes.len())?;
        let minifat: Vec<u32> =
            (0..minifat_bytes.len() / 4).filter_map(|i| u32_at(&minifat_bytes, 4 * i)).collect();
        check_no_loops(&minifat)?;
        let mini = c.read_chain(entry_start(root), entry_size(root).min(bytes.len()))?;
        let mut out = Vec::new();
        for id in c.chain(entry_start(book), &minifat, minifat.len())? {
            let at = id as usize * 64;
            out.extend_from_slice(
                mini.get(at..(at + 64).min(mini.len()))
                    .ok_or(bad("a mini sector lies past the mini stream"))?,
            );
        }
        out.truncate(size);
        out
    } else {
        c.read_chain(entry_start(book), size)?
    };
    check_cell_boxes(&stream, max_box)
}

/// Scans the BIFF records of the workbook stream: per sheet (from one BOF to its EOF), the box
/// of the cells calamine will lay out.
fn check_cell_boxes(stream: &[u8], max_box: u64) -> Result<(), XlsDamage> {
    let mut at = 0;
    // (min row, max row, min col, max col) of the current sheet.
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let check = |b: Option<(u32, u32, u32, u32)>| -> Result<(), XlsDamage> {
        if let Some((r0, r1, c0, c1)) = b {
            let cells = (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
            if cells > max_box {
                return Err(XlsDamage::TooLarge { cells });
            }
        }
        Ok(())
    };
    while let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let data = stream.get(at + 4..(at + 4 + len as usize).min(stream.len())).unwrap_or_default();
        at += 4 + len as usize;
        let mut cell = |row: Option<u16>, col: Option<u16>| {
            if let (Some(r), Some(c)) = (row, col) {
                let (r, c) = (r as u32, c as u32);
                bounds = Some(match bounds {
                    None => (r, r, c, c),
                    Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
                });
            }
        };
        match kind {
            // DIMENSIONS: calamine reserves room for the box it declares, as it computes it.
            0x0200 => {
                let fields = match data.len() {
                    10 => (0..4).map(|i| u16_at(data, 2 * i).map(u32::from)).collect::<Option<Vec<u32>>>(),
                    14 | 16 => [
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8).map(u32::from),
                        u16_at(data, 10).map(u32::from),
                    ]
                    .into_iter()
                    .collect(),
                    _ => None,
                };
                if let Some([rf, rl, cf, cl]) = fields.as_deref().and_then(|f| <[u32; 4]>::try_from(f).ok()) {
                    let cf = if 0xFF < cf || cl < cf { 0 } else { cf };
                    let (end_r, end_c) = if 1 <= rl && 1 <= cl { (rl - 1, cl - 1) } else { (rf, cf) };
                    let rows = end_r.wrapping_sub(rf).wrapping_add(1) as u64;
                    let cols = end_c.wrapping_sub(cf).wrapping_add(1) as u64;
                    if rows.saturating_mul(cols) > max_box {
                        return Err(XlsDamage::TooLarge { cells: rows.saturating_mul(cols) });
                    }
                }
            }
            // BOF: a new sheet (or the workbook globals) begins.
            0x0809 => {
                check(bounds.take())?;
            }
            // NUMBER, LABELSST, RK, LABEL, BOOLERR, FORMULA, RSTRING, BLANK: one cell.
            0x0203 | 0x00FD | 0x027E | 0x0204 | 0x0205 | 0x0006 | 0x00D6 | 0x0201 => {
                cell(u16_at(data, 0), u16_at(data, 2));
            }
            // MULRK, MULBLANK: a run of cells, the last column at the end.
            0x00BD | 0x00BE => {
                cell(u16_at(data, 0), u16_at(data, 2));
                cell(u16_at(data, 0), data.len().checked_sub(2).and_then(|p| u16_at(data, p)));
            }
            _ => {}
        }
    }
    check(bounds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_in_a_sector_table_are_found() {
        assert!(check_no_loops(&[1, 2, ENDOFCHAIN, FREESECT]).is_ok());
        assert!(check_no_loops(&[1, 2, 0]).is_err());
        assert!(check_no_loops(&[0]).is_err(), "a sector pointing at itself");
        assert!(check_no_loops(&[5]).is_err(), "beyond the table");
    }

    #[test]
    fn a_sheet_box_beyond_the_limit_is_refused() {
        let record = |kind: u16, data: &[u8]| {
            let mut v = kind.to_le_bytes().to_vec();
            v.extend((data.len() as u16).to_le_bytes());
            v.extend(data);
            v
        };
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0; 10]);
            record(0x0203, &d)
        };
        let mut stream = record(0x0809, &[0; 16]);
        stream.extend(number(0, 0));
        stream.extend(number(10, 3));
        assert!(check_cell_boxes(&stream, 1000).is_ok());
        stream.extend(number(65_535, 255));
        assert_eq!(check_cell_boxes(&stream, 1000), Err(XlsDamage::TooLarge { cells: 65_536 * 256 }));
    }
}
