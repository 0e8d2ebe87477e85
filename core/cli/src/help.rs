//! Help texts, in Vietnamese and English.

pub const MAIN: &str = "\
giamngheo — phân loại hộ nghèo, cận nghèo theo chuẩn nghèo của Việt Nam
giamngheo — Vietnam's household poverty classification, eligibility and funding rules

Cách dùng / Usage:
  giamngheo <lệnh / command> [tùy chọn / options]

Lệnh / Commands:
  demo                      Phân loại mẫu tổng hợp có sẵn (theo KH 449/KH-UBND Cao Bằng), in bảng
                            kiểu kế hoạch, phân bổ vốn minh họa và giải thích vài hộ.
                            Classify the embedded synthetic sample, print the plan's tables, an
                            illustrative funding split and a few households explained.
  classify FILE             Phân loại các hộ trong tệp .csv hoặc .xlsx; ghi kết quả và lỗi cạnh tệp.
                            Classify the households of a .csv or .xlsx file; write results and
                            errors beside it.
  explain FILE.json         Một hộ: nhóm và lý do (căn cứ pháp lý). One household, with reasons.
  eligibility FILE.json     Các chương trình, chính sách một người được hưởng.
                            The programs and policies one beneficiary qualifies for.
  plan check ID|FILE.json   Kiểm tra các phép cộng của một kế hoạch vốn. Check a funding plan's sums.
  plan split FILE.json      Phân bổ vốn theo phương pháp tính điểm. Split a pool by points.
  help [COMMAND]            Trợ giúp của một lệnh. A command's help.

Tùy chọn chung / Common options:
  -h, --help                Trợ giúp / this help (also after any command: giamngheo classify --help)
  -V, --version             Phiên bản / version

Mã thoát / Exit codes:
  0  thành công / ok
  1  dữ liệu vào có lỗi (các dòng tốt vẫn được ghi kết quả, lỗi ghi vào tệp lỗi)
     input errors found (results still written for the good rows; the errors file written)
  2  dùng sai lệnh (lệnh, tùy chọn hoặc giá trị không hợp lệ) / usage error
  3  lỗi tệp (không có, không đọc được, sẽ ghi đè tệp đã có) / file error (not found,
     unreadable, would overwrite)

Ví dụ / Examples:
  giamngheo demo
  giamngheo classify households.csv --list-year 2027 --date 2026-11-30
  giamngheo classify survey.xlsx --sheet \"Xã A\" --force
  giamngheo explain household.json
  giamngheo plan check cao-bang-449-2017
";

pub const DEMO: &str = "\
giamngheo demo — công việc chính trên dữ liệu có sẵn / the main job on embedded data

Cách dùng / Usage:
  giamngheo demo [--report REPORT.html [--force]]

Phân loại 123.221 hộ tổng hợp (dữ liệu giả lập, theo số liệu KH 449/KH-UBND Cao Bằng) theo
QĐ 59/2015/QĐ-TTg; in bảng số hộ theo nhóm và tỷ lệ thiếu hụt bên cạnh số liệu kế hoạch công bố,
chỉ số Alkire-Foster, bảng theo huyện, phân bổ MINH HỌA 1.529 tỷ đồng vốn đầu tư NSTW cho 13
huyện, các chính sách một hộ được hưởng và giải thích vài hộ.
Classifies 123.221 synthetic households (shaped on Cao Bằng plan 449/KH-UBND) under QĐ 59/2015;
prints the households by class and deprivation rates beside the plan's published figures, the
Alkire-Foster measures, a table by district, an ILLUSTRATIVE split of 1.529 tỷ đồng among the 13
districts, the programs one household qualifies for, and a few households explained.

--report FILE: ghi thêm báo cáo HTML tự chứa (biểu đồ, các bảng); không ghi đè nếu không có
--force / also write a self-contained HTML report (charts, tables); never over a file without --force.

Tệp của bạn / your own file: giamngheo classify FILE (giamngheo classify --help).

Mã thoát / Exit codes: 0 ok; 2 usage error; 3 file error (--report would overwrite).
";

pub const CLASSIFY: &str = "\
giamngheo classify — phân loại các hộ trong một tệp / classify the households of a file

Cách dùng / Usage:
  giamngheo classify FILE.csv|FILE.xlsx|FILE.parquet [--date YYYY-MM-DD] [--list-year YYYY]
                     [--standard ID]
                     [--out RESULTS.csv] [--errors ERRORS.csv] [--report REPORT.html | --no-report]
                     [--force] [--sheet NAME] [--progress]

Tùy chọn / Options:
  --list-year YYYY    Năm của danh sách mà cuộc rà soát lập (rà soát cuối 2026 lập danh sách 2027).
                      The list year a review makes (the review at the end of 2026 makes the 2027 list).
  --date YYYY-MM-DD   Ngày rà soát / the review day. Alone at a seam (e.g. 2026-11-30) it needs
                      --list-year: never silently the old standard.
  --standard ID       Mã chuẩn / a standard id: qd09-2011, qd59-2015, nd07-2021, nd351-2025.
                      Mặc định / default (none of the three given): qd59-2015 (QĐ 59/2015/QĐ-TTg).
  --out FILE          Tệp kết quả / results file (default: FILE.results.csv beside the input).
  --errors FILE       Tệp lỗi / errors file (default: FILE.errors.csv beside the input).
  --report FILE       Báo cáo HTML / the HTML report (default: FILE.report.html beside the input).
  --no-report         Không ghi báo cáo HTML / write no HTML report.
  --force             Cho phép ghi đè / overwrite existing results, errors and report files.
  --sheet NAME        Trang tính của tệp .xlsx / the .xlsx sheet (default: the first sheet).
  --progress          Báo tiến độ mỗi 100.000 dòng ra stderr (tự bật khi stderr là terminal).
                      Progress every 100.000 rows on stderr (on by itself when stderr is a terminal).

Tệp vào / Input: dòng đầu là tiêu đề / the first row is the header:
  area      rural | urban, nông thôn | thành thị | đô thị, hoặc mã / or codes 2 | 1
  income    thu nhập bình quân người/tháng (đồng) / monthly income per person in đồng:
            1500000, 1.500.000, 1 500 000 đ; \"850.000\" bị từ chối vì mơ hồ / is refused as ambiguous
  một cột 0/1 cho mỗi chỉ số của chuẩn / one 0/1 column per indicator id of the standard
            (qd59-2015: health_access, health_insurance, adult_education, child_schooling,
            housing_quality, housing_area, water_source, sanitation, telecom_use, information_assets)
  weight    (tùy chọn / optional) quyền số điều tra / survey weight, a decimal
  group     (tùy chọn / optional) số nguyên: huyện, xã... / a whole number: district, commune...
CSV: UTF-8, có hoặc không có BOM / with or without a BOM; dấu phân cách ',' hoặc ';' (hoặc tab),
đoán từ dòng tiêu đề / ',' or ';' (or tab) separators, sniffed from the header.
.xlsx: trang đầu tiên hoặc --sheet, cùng quy tắc cột / the first sheet or --sheet, same columns.
.parquet: cùng quy tắc cột, hàng i là dòng i + 2; ô null là lỗi của cột (cần tính năng 'parquet',
có sẵn trong lệnh của gói Python) / same columns, row i is line i + 2; a null is the column's
error (needs the 'parquet' feature: `cargo install --path core/cli --features parquet`; the
Python wheel's command has it).
Dòng trống bị bỏ qua / blank rows are skipped.

Tệp ra / Output (never overwritten without --force; the same separator and BOM as a CSV input,
',' and a BOM for .xlsx and .parquet):
  FILE.results.csv   line, class, class_code, deprivation_count, deprived, error_code
                     một dòng mỗi hộ / one line per household; line = số dòng trong tệp vào
                     (dòng tiêu đề là dòng 1) / the input's line (the header is line 1);
                     dòng lỗi / a bad row: class rỗng / empty, class_code 0
  FILE.errors.csv    line, column, code, message_vi, message_en (tiêu đề luôn có / always written)
  FILE.report.html   báo cáo tự chứa, mở từ đĩa / a self-contained report that opens from disk:
                     các bảng, biểu đồ tỷ lệ thiếu hụt so với kế hoạch, theo nhóm, Alkire-Foster /
                     the tables, deprivation chart beside the plan, by group, Alkire-Foster

Mã thoát / Exit codes:
  0 không có lỗi / no errors; 1 có dòng lỗi hoặc thiếu cột / rows with errors or a missing column
  (kết quả các dòng tốt vẫn được ghi / the good rows' results still written); 2 usage error;
  3 lỗi tệp / file error (not found, unreadable, not UTF-8, would overwrite without --force).
";

pub const EXPLAIN: &str = "\
giamngheo explain — một hộ: nhóm và lý do / one household: its class and the reasons

Cách dùng / Usage:
  giamngheo explain FILE.json|- [--json]

FILE.json là một yêu cầu phân loại (schemas/classify-request.schema.json): ngày, khu vực, thu nhập
và câu trả lời từng chỉ số, hoặc dữ kiện, hoặc điểm rà soát; '-' đọc từ stdin.
FILE.json is a classify request (schemas/classify-request.schema.json): date, area, income and
the indicators' answers, or raw facts, or review scores; '-' reads standard input.

  --json   In câu trả lời JSON của core / print core's JSON answer (schemas/report.schema.json)

Mã thoát / Exit codes: 0 ok; 1 yêu cầu bị từ chối / the request has errors (code, path,
message); 2 usage error; 3 file error.
";

pub const ELIGIBILITY: &str = "\
giamngheo eligibility — chương trình, chính sách một người được hưởng / what one beneficiary qualifies for

Cách dùng / Usage:
  giamngheo eligibility FILE.json|- [--program ID] [--json]

FILE.json là một yêu cầu (schemas/eligibility-request.schema.json): date, household, person,
place. / FILE.json is an eligibility request (schemas/eligibility-request.schema.json).

  --program ID   Chỉ xét một dự án/chính sách, kèm các điều kiện đã xét / only this catalog
                 entry, with every condition checked (core's eligibility_one)
  --json         In câu trả lời JSON / print core's JSON answer (eligibility-report)

Mã thoát / Exit codes: 0 ok; 1 the request has errors; 2 usage error; 3 file error.
";

pub const PLAN: &str = "\
giamngheo plan — kế hoạch vốn / funding plans

Cách dùng / Usage:
  giamngheo plan check ID|FILE.json [--json]
  giamngheo plan split FILE.json|- [--json]

  check   Kiểm tra mọi phép cộng của kế hoạch, đến từng đồng / check every sum of a plan, to the
          đồng. ID: kế hoạch có sẵn / an embedded plan (cao-bang-449-2017, qd1722-2016,
          qd90-2022); FILE.json: một kế hoạch (schemas/funding-plan) hoặc / or
          {\"plan_id\": ...} (schemas/check-plan-request).
  split   Phân bổ một nguồn vốn theo phương pháp tính điểm (QĐ 48/2016) / split a pool by the
          points method: FILE.json is an allocation request (schemas/allocation-request).
  --json  In câu trả lời JSON / print core's JSON answer

Mã thoát / Exit codes: 0 ok (check: the sums hold); 1 the request has errors, or (check) a sum
does not hold; 2 usage error; 3 file error.
";

/// The help of a subcommand (`plan` with or without `check` / `split`).
pub fn for_command(name: &str, _sub: Option<&str>) -> Option<&'static str> {
    match name {
        "demo" => Some(DEMO),
        "classify" => Some(CLASSIFY),
        "explain" => Some(EXPLAIN),
        "eligibility" => Some(ELIGIBILITY),
        "plan" => Some(PLAN),
        _ => None,
    }
}
