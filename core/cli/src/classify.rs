//! `giamngheo classify FILE`: a survey file through core's batch functions, the plan-style
//! tables printed, the per-household results and the errors written beside the file.

use crate::args::{self, flag, value};
use crate::read::{self, ReadError, Table};
use crate::{Exit, Failure};
use giamngheo::batch::{BatchInput, Deprivations, Incomes, OnError, RowError, classify_batch};
use giamngheo::stats::{AlkireFosterOptions, Statistics, StatsInput, Weights, statistics};
use giamngheo::table::{Table as TableModel, Unit};
use giamngheo::text::{en_number, vi_number};
use giamngheo::{Error, HouseholdClass, Standard, Text};
use rust_decimal::Decimal;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const SPECS: &[args::Spec] = &[
    value("--date"),
    value("--list-year"),
    value("--standard"),
    value("--out"),
    value("--errors"),
    value("--sheet"),
    value("--report"),
    flag("--force"),
    flag("--progress"),
    flag("--no-report"),
];

/// The errors shown on the terminal (all of them are in the errors file).
const SHOWN_ERRORS: usize = 10;

pub fn run(rest: &[String], out: &mut String) -> Result<Exit, Failure> {
    let p = args::parse("classify", rest, SPECS)?;
    if p.help {
        out.push_str(crate::help::CLASSIFY);
        return Ok(Exit::Ok);
    }
    let [file] = <[String; 1]>::try_from(args::positional("classify", &p, &["FILE.csv|FILE.xlsx|FILE.parquet"])?)
        .map_err(|_| Failure::usage("classify: cần một tệp", "classify: one file expected", "classify"))?;
    let (standard, how) = pick_standard(p.value("--standard"), p.value("--date"), p.value("--list-year"), "classify")?;
    let input = PathBuf::from(&file);
    let xlsx = has_extension(&input, "xlsx") || has_extension(&input, "xlsm");
    let parquet = has_extension(&input, "parquet") || has_extension(&input, "parq");
    if has_extension(&input, "xls") || has_extension(&input, "ods") {
        return Err(Failure::usage(
            format!("{file}: chỉ đọc .csv, .xlsx và .parquet; hãy lưu tệp thành .xlsx hoặc CSV UTF-8"),
            format!("{file}: only .csv, .xlsx and .parquet are read; save the file as .xlsx or CSV UTF-8"),
            "classify",
        ));
    }
    if p.value("--sheet").is_some() && !xlsx {
        return Err(Failure::usage(
            "classify: --sheet chỉ dùng với tệp .xlsx",
            "classify: --sheet is for .xlsx files only",
            "classify",
        ));
    }
    match std::fs::metadata(&input) {
        Ok(m) if m.is_dir() => {
            return Err(Failure::file(format!("{file}: là một thư mục"), format!("{file}: is a directory")));
        }
        Ok(_) => {}
        Err(_) => return Err(Failure::file(format!("{file}: không có tệp này"), format!("{file}: no such file"))),
    }
    let results_path = p.value("--out").map_or_else(|| beside(&input, "results"), PathBuf::from);
    let errors_path = p.value("--errors").map_or_else(|| beside(&input, "errors"), PathBuf::from);
    let force = p.flag("--force");
    let report_path = if p.flag("--no-report") {
        if p.value("--report").is_some() {
            return Err(Failure::usage(
                "classify: --report và --no-report không đi cùng nhau",
                "classify: --report and --no-report do not go together",
                "classify",
            ));
        }
        None
    } else {
        Some(p.value("--report").map_or_else(|| beside_as(&input, "report.html"), PathBuf::from))
    };
    let mut outputs = vec![results_path.as_path(), errors_path.as_path()];
    outputs.extend(report_path.as_deref());
    check_outputs(&input, &outputs, force)?;

    say!(out, "Chuẩn áp dụng: {}\nStandard applied: {}\n", how.vi, how.en);
    let show_progress = p.flag("--progress") || std::io::stderr().is_terminal();
    let mut tell = |rows: usize| {
        let n = Decimal::from(rows);
        let _ = writeln!(std::io::stderr(), "… {} dòng đã đọc / {} rows read", vi_number(&n), en_number(&n));
    };
    let progress: read::Progress<'_> = if show_progress { Some(&mut tell) } else { None };
    let read = if xlsx {
        read::read_xlsx(&input, p.value("--sheet"), standard, progress)
    } else if parquet {
        read::read_parquet(&input, standard, progress)
    } else {
        read::read_csv(&input, standard, progress)
    };
    let table = match read {
        Ok(t) => t,
        Err(ReadError::File(f)) => return Err(f),
        Err(ReadError::Empty) => {
            return Err(Failure::input(
                format!("{file}: tệp trống, không có dòng tiêu đề (area, income, các chỉ số...)"),
                format!("{file}: the file is empty, with no header line (area, income, the indicators...)"),
            ));
        }
        Err(ReadError::Columns { header, errors, header_line, delimiter, bom }) => {
            // Indicator columns of another period: said, so a missing column makes sense.
            let unused = standard.unused_indicator_columns(header.iter().map(String::as_str));
            if let Some(notice) = standard.unused_columns_notice(&unused) {
                say!(out, "{}\n{}\n", notice.vi, notice.en);
            }
            let format = Format { delimiter, bom, force };
            let rows: Vec<ErrorLine> = errors
                .iter()
                .map(|e| ErrorLine { line: header_line, column: e.path.trim_start_matches('/').to_string(), error: e })
                .collect();
            write_errors(&errors_path, &format, &rows)?;
            for e in &errors {
                say!(out, "{}\n{}", e.message.vi, e.message.en);
            }
            say!(out, "\nLỗi / errors: {} ({} cột thiếu / missing columns)", errors_path.display(), errors.len());
            say!(out, "Không phân loại / nothing classified: no results file written.");
            return Ok(Exit::InputErrors);
        }
    };
    let outputs = Outputs { results: results_path, errors: errors_path, report: report_path, force };
    classify_table(standard, &how, &file, &table, &outputs, out)
}

/// The standard by core's rule (a named one, else the list year's, else the date's); QĐ
/// 59/2015 when none is given.
pub fn pick_standard(
    id: Option<&str>,
    date: Option<&str>,
    list_year: Option<&str>,
    command: &str,
) -> Result<(&'static Standard, Text), Failure> {
    let date = date
        .map(|d| giamngheo::Date::parse_at(d, "--date"))
        .transpose()
        .map_err(|e| Failure::core_usage(&e.into(), command))?;
    let list_year = list_year
        .map(|y| {
            y.trim().parse::<u16>().map_err(|_| {
                Failure::usage(
                    format!("--list-year: '{y}' không phải là một năm (ví dụ 2027)"),
                    format!("--list-year: '{y}' is not a year (e.g. 2027)"),
                    command,
                )
            })
        })
        .transpose()?;
    if (id, date, list_year) == (None, None, None) {
        let standard = giamngheo::standard_by_id(giamngheo::sample::STANDARD).map_err(|e| Failure::core(&e.into()))?;
        let how = Text::new(
            format!(
                "{} ({}), mặc định khi không có --standard, --list-year hay --date.",
                standard.document, standard.id
            ),
            format!(
                "{} ({}), the default when no --standard, --list-year or --date is given.",
                standard.document, standard.id
            ),
        );
        return Ok((standard, how));
    }
    let (standard, selection) =
        giamngheo::select_standard(id, date, list_year).map_err(|e| Failure::core_usage(&e, command))?;
    Ok((standard, selection.report(standard).message))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// `FILE` → `FILE.<what>.csv` beside it (`households.csv` → `households.csv.results.csv`).
fn beside(input: &Path, what: &str) -> PathBuf {
    beside_as(input, &format!("{what}.csv"))
}

/// `FILE` → `FILE.<suffix>` beside it (`households.csv` → `households.csv.report.html`).
fn beside_as(input: &Path, suffix: &str) -> PathBuf {
    let mut name = input.as_os_str().to_os_string();
    name.push(format!(".{suffix}"));
    PathBuf::from(name)
}

/// Where the command writes, and whether it may overwrite.
struct Outputs {
    results: PathBuf,
    errors: PathBuf,
    report: Option<PathBuf>,
    force: bool,
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Refuses to overwrite the input, or an existing file without `--force`, before any work.
fn check_outputs(input: &Path, outputs: &[&Path], force: bool) -> Result<(), Failure> {
    for (i, a) in outputs.iter().enumerate() {
        if outputs[i + 1..].iter().any(|b| same_file(a, b)) {
            return Err(Failure::usage(
                "classify: --out, --errors và --report phải là các tệp khác nhau",
                "classify: --out, --errors and --report must be different files",
                "classify",
            ));
        }
    }
    for &path in outputs {
        if same_file(path, input) {
            return Err(Failure::file(
                format!("{}: là tệp vào, không ghi đè", path.display()),
                format!("{}: is the input file; not overwritten", path.display()),
            ));
        }
        refuse_existing(path, force)?;
    }
    Ok(())
}

/// An existing file is never overwritten without `--force` (exit 3).
pub(crate) fn refuse_existing(path: &Path, force: bool) -> Result<(), Failure> {
    if !force && (path.exists() || path.is_symlink()) {
        return Err(Failure::file(
            format!("{}: tệp đã có; thêm --force để ghi đè", path.display()),
            format!("{}: already exists; add --force to overwrite it", path.display()),
        ));
    }
    Ok(())
}

/// How the files written beside the input are laid out.
struct Format {
    delimiter: u8,
    bom: bool,
    force: bool,
}

/// Opens `path` for writing (never replacing an existing file without `--force`), BOM first.
fn create(path: &Path, format: &Format) -> Result<csv::Writer<std::io::BufWriter<std::fs::File>>, Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if format.force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let file = options.open(path).map_err(|e| write_error(path, &e))?;
    let mut w = std::io::BufWriter::new(file);
    if format.bom {
        w.write_all(b"\xEF\xBB\xBF").map_err(|e| write_error(path, &e))?;
    }
    Ok(csv::WriterBuilder::new().delimiter(format.delimiter).from_writer(w))
}

fn write_error(path: &Path, e: &dyn std::fmt::Display) -> Failure {
    Failure::file(format!("{}: không ghi được: {e}", path.display()), format!("{}: cannot write: {e}", path.display()))
}

struct ErrorLine<'e> {
    line: u64,
    column: String,
    error: &'e Error,
}

fn write_errors(path: &Path, format: &Format, rows: &[ErrorLine<'_>]) -> Result<(), Failure> {
    let mut w = create(path, format)?;
    let fail = |e: csv::Error| write_error(path, &e);
    w.write_record(["line", "column", "code", "message_vi", "message_en"]).map_err(fail)?;
    for r in rows {
        w.write_record([
            r.line.to_string().as_str(),
            &r.column,
            r.error.code.as_str(),
            &r.error.message.vi,
            &r.error.message.en,
        ])
        .map_err(fail)?;
    }
    w.flush().map_err(|e| write_error(path, &e))
}

pub(crate) fn af_options(standard: &Standard) -> Option<AlkireFosterOptions> {
    // k = cutoff / number of indicators: with equal weights, the law's "3 of 10" count.
    let n = standard.indicators.len();
    (n > 0 && standard.cutoff() > 0).then(|| AlkireFosterOptions {
        cutoff: (Decimal::from(standard.cutoff()) / Decimal::from(n)).into(),
        weights: None,
    })
}

fn classify_table(
    standard: &Standard,
    how: &Text,
    file: &str,
    table: &Table,
    outputs: &Outputs,
    out: &mut String,
) -> Result<Exit, Failure> {
    let (results_path, errors_path, force) = (outputs.results.as_path(), outputs.errors.as_path(), outputs.force);
    let cols = &table.columns;
    // Indicator columns of another period are reported, never dropped silently.
    let unused = standard.unused_indicator_columns(table.layout.header.iter().map(String::as_str));
    if let Some(notice) = standard.unused_columns_notice(&unused) {
        say!(out, "{}\n{}\n", notice.vi, notice.en);
    }
    let flag_refs: Vec<&[u8]> = cols.flags.iter().map(Vec::as_slice).collect();
    let input = BatchInput::new(&cols.area, Incomes::Decimal(&cols.income), Deprivations::Bytes(&flag_refs))
        .with_cell_errors(&cols.errors);
    let result = classify_batch(standard, &input, OnError::Collect).map_err(|e| Failure::core(&e))?;
    let mut errors: Vec<RowError> = result.errors;
    errors.sort_by_key(|e| e.row);
    let line_of = |row: usize| cols.lines.get(row).copied().unwrap_or(0);

    let format = Format { delimiter: table.delimiter, bom: table.bom, force };
    write_results(standard, &result.class, &result.deprivation_count, cols, &errors, results_path, &format)?;
    let error_lines: Vec<ErrorLine<'_>> = errors
        .iter()
        .map(|e| ErrorLine { line: line_of(e.row), column: table.layout.column_of(&e.error.path), error: &e.error })
        .collect();
    write_errors(errors_path, &format, &error_lines)?;

    let weights = cols.weight.as_deref().map(Weights::Decimal);
    let stats = statistics(
        standard,
        &StatsInput { class: &result.class, deprivations: input.deprivations, weights, groups: cols.group.as_deref() },
        af_options(standard).as_ref(),
    )
    .map_err(|e| Failure::core(&e))?;

    let rows = cols.lines.len();
    let bad_rows = {
        let mut r: Vec<usize> = errors.iter().map(|e| e.row).collect();
        r.dedup();
        r.len()
    };
    say!(out, "giamngheo — {file}\n");
    let mut tables = giamngheo::table::plan_table_models(standard, &stats.total, None);
    label_counts(&mut tables, &stats, rows, bad_rows);
    say!(out, "{}", giamngheo::table::tables_text(&tables));
    let mut by_group = Vec::new();
    if !stats.groups.is_empty() {
        let mut t = giamngheo::table::group_table_model(&stats, Text::new("Nhóm", "Group"));
        t.caption = Text::new("Bảng 3. Theo nhóm (cột group)", "Table 3. By group (the group column)");
        by_group.push(t);
        label_counts(&mut by_group, &stats, rows, bad_rows);
        say!(out, "{}", giamngheo::table::tables_text(&by_group));
    }
    say!(out, "Kết quả từng hộ / per-household results: {} ({rows} dòng / lines)", results_path.display());
    say!(
        out,
        "Lỗi / errors: {} ({} lỗi ở {bad_rows} dòng / {} errors on {bad_rows} rows)",
        errors_path.display(),
        errors.len(),
        errors.len()
    );
    if let Some(path) = &outputs.report {
        // The plan's figures stand beside the file's rates only under the plan's own standard.
        let published = giamngheo::published::cao_bang_2015().ok().filter(|p| p.standard == standard.id);
        let name = Path::new(file).file_name().map_or_else(|| file.into(), |n| n.to_string_lossy());
        let page = crate::report::html(&crate::report::Report {
            title: &name,
            how,
            stats: &stats,
            tables: &tables,
            by_group: by_group.first(),
            published,
        });
        crate::report::write(path, &page, force)?;
        say!(out, "Báo cáo / report: {}", path.display());
    }
    for e in error_lines.iter().take(SHOWN_ERRORS) {
        say!(
            out,
            "  dòng / line {}, cột / column {}: [{}] {}\n    {}",
            e.line,
            e.column,
            e.error.code,
            e.error.message.vi,
            e.error.message.en
        );
    }
    if error_lines.len() > SHOWN_ERRORS {
        say!(out, "  … ({} lỗi khác trong tệp lỗi / more in the errors file)", error_lines.len() - SHOWN_ERRORS);
    }
    Ok(if errors.is_empty() { Exit::Ok } else { Exit::InputErrors })
}

/// Counts are households of the file, or weighted households: say which, beside the rows.
fn label_counts(tables: &mut [TableModel], stats: &Statistics, rows: usize, bad_rows: usize) {
    let n = |x: usize| Decimal::from(x);
    let classified = rows.saturating_sub(bad_rows);
    let rows_line = Text::new(
        format!(
            "Hộ trong tệp (số dòng): {} (đã phân loại {}, lỗi {})",
            vi_number(&n(rows)),
            vi_number(&n(classified)),
            vi_number(&n(bad_rows))
        ),
        format!(
            "Households in the file (rows): {} ({} classified, {} with errors)",
            en_number(&n(rows)),
            en_number(&n(classified)),
            en_number(&n(bad_rows))
        ),
    );
    for t in tables.iter_mut() {
        if t.id == "households_by_class" {
            t.preamble.push(rows_line.clone());
        }
        if !stats.weighted {
            continue;
        }
        let total = stats.total.households + stats.total.unclassified;
        if t.id == "households_by_class" {
            t.preamble.push(Text::new(
                format!(
                    "Hộ theo quyền số: {} (đã phân loại {}); các số hộ và tỷ lệ dưới đây tính theo quyền số (cột weight)",
                    vi_number(&total),
                    vi_number(&stats.total.households)
                ),
                format!(
                    "Weighted households: {} ({} classified); the counts and rates below are weighted (the weight column)",
                    en_number(&total),
                    en_number(&stats.total.households)
                ),
            ));
            for r in &mut t.rows {
                match r.key.as_str() {
                    "total" => {
                        r.label = Text::new("Tổng số hộ đã phân loại, theo quyền số", "Households classified, weighted")
                    }
                    "unclassified" => {
                        r.label =
                            Text::new("Không phân loại được (lỗi), theo quyền số", "Not classified (errors), weighted");
                    }
                    _ => {}
                }
            }
        } else {
            t.notes
                .push(Text::new("Tỷ lệ tính theo quyền số (cột weight).", "Rates are weighted (the weight column)."));
        }
        for c in &mut t.columns {
            if c.unit == Unit::Count {
                c.label = Text::new("Số hộ theo quyền số", "Weighted households");
            }
        }
    }
}

fn write_results(
    standard: &Standard,
    class: &[u8],
    deprivation_count: &[u8],
    cols: &read::Columns,
    errors: &[RowError],
    path: &Path,
    format: &Format,
) -> Result<(), Failure> {
    let mut w = create(path, format)?;
    let fail = |e: csv::Error| write_error(path, &e);
    w.write_record(["line", "class", "class_code", "deprivation_count", "deprived", "error_code"]).map_err(fail)?;
    let mut next_error = errors.iter().peekable();
    let mut deprived = String::new();
    for (row, &code) in class.iter().enumerate() {
        // The first error of the row, if any (the errors are sorted by row).
        let mut first = None;
        while let Some(e) = next_error.next_if(|e| e.row <= row) {
            if e.row == row && first.is_none() {
                first = Some(e.error.code.as_str());
            }
        }
        let line = cols.lines.get(row).copied().unwrap_or(0).to_string();
        let name = HouseholdClass::from_code(code).map_or("", HouseholdClass::as_str);
        deprived.clear();
        let good = first.is_none() && code != giamngheo::batch::UNCLASSIFIED;
        if good {
            for (ind, flags) in standard.indicators.iter().zip(&cols.flags) {
                if flags.get(row) == Some(&1) {
                    if !deprived.is_empty() {
                        deprived.push(' ');
                    }
                    deprived.push_str(&ind.id);
                }
            }
        }
        let count = if good { deprivation_count.get(row).map_or(String::new(), u8::to_string) } else { String::new() };
        w.write_record([line.as_str(), name, &code.to_string(), &count, &deprived, first.unwrap_or("")])
            .map_err(fail)?;
    }
    w.flush().map_err(|e| write_error(path, &e))
}
