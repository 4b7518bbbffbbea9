//! The patched `ssi-rdf` (vendor/ssi-rdf, issue #27) writes N-Quads statements itself instead of
//! displaying them through `rdf_types`; the canonical form is signed, so its text must be the
//! same byte for byte, escapes included. The differential test (`rdfc_differential.rs`) compares
//! whole canonicalizations; this one the statements alone, on the terms that need escaping.

use ssi_json_ld::rdf_types::{BlankIdBuf, Id, IriBuf, LexicalQuad, Literal, LiteralType, Quad, Term};
use ssi_rdf::NQuadsStatement;

const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

fn iri(text: &str) -> IriBuf {
    IriBuf::new(text.to_owned()).unwrap_or_else(|e| unreachable!("{e}"))
}

fn blank(text: &str) -> BlankIdBuf {
    BlankIdBuf::new(text.to_owned()).unwrap_or_else(|_| unreachable!("{text}"))
}

#[test]
fn statements_are_written_as_rdf_types_displays_them() {
    let literals = [
        Literal::new("plain".into(), LiteralType::Any(iri(XSD_STRING))),
        Literal::new(String::new(), LiteralType::Any(iri(XSD_STRING))),
        Literal::new(
            "with \"quotes\", a back\\slash,\na line feed\rand a return".into(),
            LiteralType::Any(iri(XSD_STRING)),
        ),
        Literal::new("tab\tand \u{7}bell, été, 日本".into(), LiteralType::Any(iri(XSD_STRING))),
        Literal::new("2026-01-01T00:00:00Z".into(), LiteralType::Any(iri("http://www.w3.org/2001/XMLSchema#dateTime"))),
        // The same datatype written another way: `rdf_types` compares IRIs normalized.
        Literal::new("normalized".into(), LiteralType::Any(iri("HTTP://www.w3.org/2001/XMLSchema#string"))),
        Literal::new("été".into(), LiteralType::LangString("fr-CA".parse().unwrap_or_else(|_| unreachable!()))),
        Literal::new("{\"a\":1}".into(), LiteralType::Any(iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"))),
    ];
    let subjects = [Id::Blank(blank("_:b0")), Id::Iri(iri("urn:x:caf%C3%A9")), Id::Iri(iri("did:key:z6Mk#z6Mk"))];
    let graphs = [None, Some(Id::Blank(blank("_:g1"))), Some(Id::Iri(iri("https://example.org/g?x=1")))];
    let mut quads: Vec<LexicalQuad> = Vec::new();
    for subject in &subjects {
        for graph in &graphs {
            for literal in &literals {
                quads.push(Quad(
                    subject.clone(),
                    iri("https://example.org/p"),
                    Term::Literal(literal.clone()),
                    graph.clone(),
                ));
            }
            quads.push(Quad(
                subject.clone(),
                iri("https://example.org/q"),
                Term::Id(Id::Blank(blank("_:o"))),
                graph.clone(),
            ));
            quads.push(Quad(
                subject.clone(),
                iri("https://example.org/q"),
                Term::Id(Id::Iri(iri("https://example.org/o%20x"))),
                graph.clone(),
            ));
        }
    }
    for quad in &quads {
        let written = ssi_rdf::nquads::quad_line(quad.as_lexical_quad_ref(), |label| label.as_str());
        assert_eq!(written, NQuadsStatement(quad).to_string());
    }
    // Relabelled as the first-degree hash relabels: the same text as a relabelled copy.
    for quad in &quads {
        let written = ssi_rdf::nquads::quad_line(quad.as_lexical_quad_ref(), |_| "_:a");
        let mut copy = quad.clone();
        if let Id::Blank(label) = &mut copy.0 {
            *label = blank("_:a");
        }
        if let Term::Id(Id::Blank(label)) = &mut copy.2 {
            *label = blank("_:a");
        }
        if let Some(Id::Blank(label)) = &mut copy.3 {
            *label = blank("_:a");
        }
        assert_eq!(written, NQuadsStatement(&copy).to_string());
    }
}
