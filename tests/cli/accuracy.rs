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
        "Follow @example product news, #example product, mail example@product.io, see [docs/example/product](https://x.example/y), or `example_product`.\n\nPull example/product and example product/server images.\n\nNever write “example product” in copy.\n\nTHE EXAMPLE PRODUCT IS HERE.\n\nBuy example product now.\n",
    );
    let f = book.findings("term/case");
    assert_eq!(lines(&f), [15], "{f:#?}");
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

const CLAIMS: &str = "content/reference/claims.md";

fn claims(book: &Book) {
    book.write(
        CLAIMS,
        "---\ntitle: Claims\ntype: claims\nid: claims\nowner: PMM\nreviewed: 2026-11-01\nclaims:\n  - id: small-teams\n    text: 44.3% of product marketing teams have only 1-2 people.\n    source: https://example.com/a\n  - id: saved\n    text: Customers saved $3M in their first year on the shared plan.\n    source: https://example.com/b\n  - id: faster\n    text: Teams plan their whole week 10x faster with a shared plan.\n    source: https://example.com/c\n  - id: people\n    text: More than 40,000 people plan their week with the product.\n    source: https://example.com/d\n  - id: setup\n    text: Setting up the shared plan takes 1-2 hours for most teams.\n    source: https://example.com/e\n---\n\nOur sourced numbers.\n",
    );
}

#[test]
fn claim_figures_spelled_differently_are_the_same_value() {
    let book = Book::basic();
    claims(&book);
    note(
        &book,
        "44.3 per cent of product marketing teams have only one or two people.\n\nCustomers saved $3 million in their first year on the shared plan.\n\nCustomers saved $3,000,000 in their first year on the shared plan.\n\nTeams plan their whole week 10× faster with a shared plan.\n\nMore than 40 000 people plan their week with the product.\n\nMore than 40k people plan their week with the product.\n\nSetting up the shared plan takes 1–2 hours for most teams.\n\nSetting up the shared plan takes 1 to 2 hours for most teams.\n",
    );
    let f = book.findings("claim/mismatch");
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn claim_mismatch_reads_number_words_and_names_the_differing_value() {
    let book = Book::basic();
    claims(&book);
    note(
        &book,
        "45% of product marketing teams have only one or two people.\n\nSetting up the shared plan takes two or three hours for most teams.\n\nCustomers saved $3 billion in their first year on the shared plan.\n",
    );
    let f = book.findings("claim/mismatch");
    assert_eq!(lines(&f), [7, 9, 11], "{f:#?}");
    assert!(
        f[0].message.contains("45% where the claim says 44.3%"),
        "{}",
        f[0].message
    );
    assert!(
        f[1].message
            .contains("two or three where the claim says 1-2"),
        "{}",
        f[1].message
    );
    assert_eq!(f[0].related[0]["file"], CLAIMS);
}

#[test]
fn claim_rounding_display_accepts_a_rounded_figure() {
    let book = Book::basic();
    claims(&book);
    note(
        &book,
        "44% of product marketing teams have only 1-2 people.\n",
    );
    assert_eq!(book.findings("claim/mismatch").len(), 1);
    book.replace(
        "book.toml",
        "[lint]\n",
        "[lint]\nclaim_rounding = \"display\"\n",
    );
    assert!(book.findings("claim/mismatch").is_empty());
    // Near miss: rounding does not make 45 out of 44.3.
    note(
        &book,
        "45% of product marketing teams have only 1-2 people.\n",
    );
    assert_eq!(book.findings("claim/mismatch").len(), 1);
    book.replace(
        "book.toml",
        "claim_rounding = \"display\"",
        "claim_rounding = \"nearly\"",
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("claim_rounding"), "{}", run.stderr);
}

#[test]
fn claim_inside_a_longer_sentence_is_compared_on_its_window() {
    let book = Book::basic();
    claims(&book);
    note(
        &book,
        "Our research shows that 45% of product marketing teams have only one or two people, which is why we built a shared plan for them.\n\nOur research shows that 44.3% of product marketing teams have only one or two people, which is why we built a shared plan for them.\n\nWe spoke to 45 teams in 2025 about their plans, and most of them liked the weekly view.\n",
    );
    let f = book.findings("claim/mismatch");
    assert_eq!(lines(&f), [7], "{f:#?}");
    assert_eq!(f[0].column, 25, "{f:#?}");
    assert!(
        f[0].message.contains("45% where the claim says 44.3%"),
        "{}",
        f[0].message
    );
}

#[test]
fn fraction_words_state_a_percentage() {
    let book = Book::basic();
    book.write(
        CLAIMS,
        "---\ntitle: Claims\ntype: claims\nid: claims\nowner: PMM\nreviewed: 2026-11-01\nclaims:\n  - id: half\n    text: 50% of new teams finish the setup in their first week.\n    source: https://example.com/a\n  - id: third\n    text: 33% of new teams invite their whole company in the first month.\n    source: https://example.com/b\n---\n\nOur sourced numbers.\n",
    );
    note(
        &book,
        "Half of new teams finish the setup in their first week.\n\nA third of new teams invite their whole company in the first month.\n\nA third of new teams finish the setup in their first week.\n\nA quarter of new teams invite their whole company in the first month.\n",
    );
    let f = book.findings("claim/mismatch");
    // Near misses: a third is not 50%, a quarter is not 33%.
    assert_eq!(lines(&f), [11, 13], "{f:#?}");
    assert!(
        f[0].message.contains("A third where the claim says 50%"),
        "{}",
        f[0].message
    );
}

#[test]
fn between_one_and_two_is_the_range_one_to_two() {
    let book = Book::basic();
    claims(&book);
    note(
        &book,
        "Setting up the shared plan takes between 1 and 2 hours for most teams.\n\nSetting up the shared plan takes between one and two hours for most teams.\n\nSetting up the shared plan takes between 2 and 3 hours for most teams.\n",
    );
    let f = book.findings("claim/mismatch");
    assert_eq!(lines(&f), [11], "{f:#?}");
    assert!(
        f[0].message
            .contains("between 2 and 3 where the claim says 1-2"),
        "{}",
        f[0].message
    );
}

#[test]
fn banned_phrase_in_quotes_or_named_as_a_phrase_is_a_mention() {
    let book = Book::basic();
    glossary(&book);
    note(
        &book,
        "We never write \"best-in-class\" in our copy.\n\nReviewers strike “best in class” on sight.\n\nThe phrase best-in-class is on the banned list.\n\nOur best-in-class planner ships today.\n",
    );
    let f = book.findings("term/banned");
    assert_eq!(lines(&f), [13], "{f:#?}");
}
