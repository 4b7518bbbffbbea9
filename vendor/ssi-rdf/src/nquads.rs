//! N-Quads statements written into a `String`, byte for byte as `NQuadsStatement` displays them
//! (patch of this copy, see the project's `vendor/README.md`).
//!
//! `NQuadsStatement` goes through `rdf_types`' `RdfDisplay`, which writes literals and IRIs one
//! `char` at a time through a `Formatter`. Here a term that needs no escape (no `"`, `\`, line
//! feed or carriage return in a literal; no character below `!` nor `<>"{}|^`\` in an IRI) is
//! copied whole; any other term is still written by `rdf_types`' own `RdfDisplay`, so the output
//! is the same by construction.
use std::cell::Cell;
use std::fmt::Write;

use rdf_types::{BlankId, BlankIdBuf, Id, Iri, LexicalQuadRef, Literal, LiteralType, RdfDisplay, Term};

use crate::urdna2015::{BlankNodeComponents, BlankNodeComponentsMut};
use crate::NQuadsStatement;

/// Appends `quad` as an N-Quads statement (ending in ` .\n`), each blank node label replaced by
/// what `label` gives for it.
pub fn write_quad<'q>(
    out: &mut String,
    quad: LexicalQuadRef<'q>,
    mut label: impl FnMut(&'q BlankId) -> &'q str,
) {
    write_id(out, quad.0, &mut label);
    out.push(' ');
    write_iri_escaped(out, quad.1);
    out.push(' ');
    match quad.2 {
        Term::Id(id) => write_id(out, id, &mut label),
        Term::Literal(literal) => write_literal(out, literal),
    }
    if let Some(graph) = quad.3 {
        out.push(' ');
        write_id(out, graph, &mut label);
    }
    out.push_str(" .\n");
}

/// The N-Quads statement of `quad`, its blank nodes as labelled.
pub fn quad_line<'q>(quad: LexicalQuadRef<'q>, mut label: impl FnMut(&'q BlankId) -> &'q str) -> String {
    if DISPLAY_WRITER.with(Cell::get) {
        // As 0.1.1 does: an owned copy of the quad, relabelled, displayed by `rdf_types`.
        let mut owned = quad.into_owned();
        // Both list subject, object and graph label in that order.
        for (component, blank) in owned.blank_node_components_mut().into_iter().zip(quad.blank_node_components()) {
            *component = BlankIdBuf::new(label(blank).to_owned()).unwrap();
        }
        return NQuadsStatement(&owned).to_string();
    }
    let mut line = String::with_capacity(160);
    write_quad(&mut line, quad, label);
    line
}

thread_local! {
    static DISPLAY_WRITER: Cell<bool> = const { Cell::new(false) };
}

/// With `true`, the calling thread writes every statement as 0.1.1 does (an owned copy of the
/// quad displayed through `NQuadsStatement`), for a differential test to compare with.
pub fn set_display_writer(enabled: bool) {
    DISPLAY_WRITER.with(|flag| flag.set(enabled));
}

/// A subject, object or graph label: `Id`'s `RdfDisplay` writes an IRI as `<{iri}>`, unescaped.
fn write_id<'q>(out: &mut String, id: Id<&'q Iri, &'q BlankId>, label: &mut impl FnMut(&'q BlankId) -> &'q str) {
    match id {
        Id::Iri(iri) => {
            out.push('<');
            out.push_str(iri.as_str());
            out.push('>');
        }
        Id::Blank(blank) => out.push_str(label(blank)),
    }
}

/// A predicate or a datatype: `Iri`'s `RdfDisplay`, which escapes.
fn write_iri_escaped(out: &mut String, iri: &Iri) {
    let needs_escape = iri.as_str().bytes().any(|b| IRI_ESCAPED[b as usize]);
    if needs_escape {
        let _ = write!(out, "{}", iri.rdf_display());
    } else {
        out.push('<');
        out.push_str(iri.as_str());
        out.push('>');
    }
}

/// The bytes `RdfDisplay` escapes in an IRI (all ASCII, so no byte of a longer UTF-8
/// character is among them).
const IRI_ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b <= 0x20 {
        table[b] = true;
        b += 1;
    }
    let others = *b"<>\"{}|^`\\";
    let mut i = 0;
    while i < others.len() {
        table[others[i] as usize] = true;
        i += 1;
    }
    table
};

fn write_literal(out: &mut String, literal: &Literal) {
    let value = literal.value.as_str();
    if value.bytes().any(|b| matches!(b, b'"' | b'\\' | b'\n' | b'\r')) {
        let _ = write!(out, "{}", value.rdf_display());
    } else {
        out.push('"');
        out.push_str(value);
        out.push('"');
    }
    match &literal.type_ {
        LiteralType::Any(iri) => {
            if iri.as_str() != XSD_STRING && !literal.type_.is_xsd_string() {
                out.push_str("^^");
                write_iri_escaped(out, iri);
            }
        }
        LiteralType::LangString(tag) => {
            out.push('@');
            out.push_str(tag.as_str());
        }
    }
}

const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
