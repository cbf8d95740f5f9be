//! The checker reads numbers and words the way people write them: number values and
//! units for `claim/mismatch`, word forms and sentence bounds for `term/*`, typographic
//! punctuation for `message/*`.

use crate::support::*;

const BUYER: &str = "content/personas/buyer.md";
const GLOSSARY: &str = "content/reference/glossary.md";
const CORE: &str = "content/messaging/core.md";

fn glossary(book: &Book) {
    book.write(
        GLOSSARY,
        "---\ntitle: Glossary\ntype: glossary\nid: glossary\nowner: PMM\nreviewed: 2026-11-01\nterms:\n  - term: Example Product\n    definition: Our product.\n  - term: Shift Close\n    definition: The end-of-shift report.\n  - term: tip pool\n    definition: Shared tips.\n    avoid: [tip jar, cash-out screen, K8s]\nbanned:\n  - phrase: best-in-class\n    reason: A superlative we cannot prove.\n---\n\nThe words we use.\n",
    );
}

fn note(book: &Book, body: &str) {
    book.write(
        "content/note.md",
        &format!("---\ntitle: Note\nowner: x\nreviewed: 2026-11-01\n---\n\n{body}\n"),
    );
}

fn lines(f: &[Finding]) -> Vec<u64> {
    f.iter().map(|f| f.line).collect()
}

#[test]
fn banned_phrase_matches_hyphen_and_space_forms_in_any_case() {
    let book = Book::basic();
    glossary(&book);
    note(
        &book,
        "A best in class planner.\n\nOur Best in Class support.\n\nA best-in-class app.\n\nA bestinclass app and the best class in town.\n",
    );
    let f = book.findings("term/banned");
    assert_eq!(lines(&f), [7, 9, 11], "{f:#?}");
}

#[test]
fn avoided_term_matches_plurals_possessives_and_spaced_forms() {
    let book = Book::basic();
    glossary(&book);
    note(
        &book,
        "Empty the tip jars daily.\n\nThe tip jar’s lid is blue.\n\nOpen the cash out screen.\n\nTipping is optional and the jar of tips is full.\n",
    );
    let f = book.findings("term/avoid");
    assert_eq!(lines(&f), [7, 9, 11], "{f:#?}");
    assert!(f.iter().all(|f| f.message.contains("tip pool")));
}

#[test]
fn avoided_term_in_quotes_or_named_as_an_alias_is_a_mention() {
    let book = Book::basic();
    glossary(&book);
    note(
        &book,
        "Kubernetes, often abbreviated as K8s, runs it.\n\nWe no longer say “tip jar” here.\n\nThe pool, formerly tip jar, is shared.\n\nDeploy it to K8s today.\n",
    );
    let f = book.findings("term/avoid");
    assert_eq!(lines(&f), [13], "{f:#?}");
}

#[test]
fn term_case_stays_inside_one_sentence() {
    let book = Book::basic();
    glossary(&book);
    note(
        &book,
        "Close the shift. Close the payroll.\n\nRun the shift close at six.\n",
    );
    let f = book.findings("term/case");
    assert_eq!(lines(&f), [9], "{f:#?}");
}

#[test]
fn term_case_skips_handles_emails_paths_identifiers_and_capitals() {
    let book = Book::basic();
    glossary(&book);
    note(
        &book,
        "Follow @example product news, #example product, mail example@product.io, see [docs/example/product](https://x.example/y), or `example_product`.\n\nTHE EXAMPLE PRODUCT IS HERE.\n\nBuy example product now.\n",
    );
    let f = book.findings("term/case");
    assert_eq!(lines(&f), [11], "{f:#?}");
}

#[test]
fn curly_apostrophe_copy_of_a_message_is_a_copy_not_drift() {
    let book = Book::basic();
    let core = book.read(CORE);
    let text = "Our spreadsheet already works.";
    assert!(core.contains(text), "fixture changed");
    book.replace(
        CORE,
        "    text: Our spreadsheet already works.\n",
        "    text: Our team's spreadsheet already works well.\n",
    );
    book.append(BUYER, "\nOur team’s spreadsheet already works well.\n");
    assert!(book.findings("message/drift").is_empty());
    assert_eq!(book.findings("message/copy").len(), 1);
    // Near miss: a changed word is still drift.
    let book = Book::basic();
    book.replace(
        CORE,
        "    text: Our spreadsheet already works.\n",
        "    text: Our team's spreadsheet already works well.\n",
    );
    book.append(BUYER, "\nOur team’s spreadsheet already works badly.\n");
    assert_eq!(book.findings("message/drift").len(), 1);
}
