//! End to end: `newsgraph explain` on a corpus article.

mod common;

use common::newsgraph;

#[test]
fn explain_shows_rules_rejections_and_visits_per_sentence() {
    let o = newsgraph(&["explain", "corpus/000_61788bb9751ee15f.txt", "--corpus", "corpus"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("== 000_61788bb9751ee15f.txt (published 2024-11, Manifest)"), "{out}");
    assert!(out.contains("official  陆方舟 <- 陆方舟 [title_name 0.95] titles: 区委书记"));
    assert!(out.contains("visit     陆方舟 -> 上海卓钢链电子商务有限公司 (2024-11-04)"));
    assert!(
        out.contains("rejected  company 母公司 [registered_name]: no name before the suffix"),
        "a bare 公司 after running text (优于母公司) is shown as let go"
    );
}

#[test]
fn explain_of_a_missing_file_is_a_clear_error() {
    let o = newsgraph(&["explain", "corpus/no-such-article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-article.txt"));
}
