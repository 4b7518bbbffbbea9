//! Context processing algorithm and related types.
mod definition;
pub mod inverse;

use crate::{Direction, LenientLangTag, LenientLangTagBuf, Term};
use contextual::WithContext;
use iref::IriBuf;
use json_ld_syntax::{KeywordType, Nullable};
use once_cell::sync::OnceCell;
use rdf_types::{BlankIdBuf, Id, Vocabulary};
use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub use json_ld_syntax::context::{
	definition::{Key, KeyOrType, Type},
	term_definition::Nest,
};

pub use definition::*;
pub use inverse::InverseContext;

/// Processed JSON-LD context.
///
/// Represents the result of the [context processing algorithm][1] implemented
/// by the [`json-ld-context-processing`] crate.
///
/// (Patched, see `vendor/README.md` of Talent Credentials.) The state is shared
/// behind an [`Arc`] and copied on write, so cloning a context costs two
/// reference counts instead of a copy of every term definition. Each state has
/// an id unique in the process (a new one on every change) and keeps the
/// contexts obtained by processing term-scoped contexts on it, so that a type's
/// scoped context is processed once per state, not once per typed node.
///
/// [1]: <https://www.w3.org/TR/json-ld11-api/#context-processing-algorithm>
/// [`json-ld-context-processing`]: <https://crates.io/crates/json-ld-context-processing>
pub struct Context<T = IriBuf, B = BlankIdBuf> {
	inner: Arc<Inner<T, B>>,
	previous_context: Option<Arc<Self>>,
}

/// The state of a context, apart from its previous context.
struct Inner<T, B> {
	/// Unique in the process for each state: a new one on every change.
	id: u64,
	original_base_url: Option<T>,
	base_iri: Option<T>,
	vocabulary: Option<Term<T, B>>,
	default_language: Option<LenientLangTagBuf>,
	default_base_direction: Option<Direction>,
	definitions: Definitions<T, B>,
	inverse: OnceCell<InverseContext<T, B>>,
	/// Results of processing term-scoped contexts on this state.
	scoped: Mutex<Vec<ScopedEntry<T, B>>>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn fresh_id() -> u64 {
	NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// How many scoped results one context state keeps: a document's typed nodes
/// need a handful; the bound only stops odd inputs from growing it.
const MAX_SCOPED: usize = 64;

thread_local! {
	static SCOPED_CACHE: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Turns the reuse of processed term-scoped contexts on or off for the calling
/// thread (on by default). Off, every scoped context is processed afresh, as
/// the unpatched crate does: the reference the cached route is compared with.
pub fn set_scoped_cache_enabled(enabled: bool) {
	SCOPED_CACHE.with(|cell| cell.set(enabled))
}

/// Whether processed term-scoped contexts are reused on this thread.
pub fn scoped_cache_enabled() -> bool {
	SCOPED_CACHE.with(|cell| cell.get())
}

/// The previous context of a cached result, relative to the context it was
/// processed on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PreviousOf {
	/// The processed-on context's own previous context (or none).
	Inherited,
	/// The processed-on context itself.
	ProcessedOn,
}

/// One processed term-scoped context: the local context of `term`'s definition
/// in the context state `source`, processed with `flags` on the state keeping
/// the entry (which had a previous context or not).
struct ScopedEntry<T, B> {
	source: u64,
	term: String,
	flags: u32,
	had_previous: bool,
	/// `None`: the state keeping the entry (processing changed nothing).
	result: Option<Arc<Inner<T, B>>>,
	previous: PreviousOf,
}

impl<T: Clone, B: Clone> Clone for Inner<T, B> {
	fn clone(&self) -> Self {
		Self {
			id: fresh_id(),
			original_base_url: self.original_base_url.clone(),
			base_iri: self.base_iri.clone(),
			vocabulary: self.vocabulary.clone(),
			default_language: self.default_language.clone(),
			default_base_direction: self.default_base_direction,
			definitions: self.definitions.clone(),
			inverse: OnceCell::default(),
			scoped: Mutex::default(),
		}
	}
}

impl<T, B> Inner<T, B> {
	fn new(original_base_url: Option<T>, base_iri: Option<T>) -> Self {
		Self {
			id: fresh_id(),
			original_base_url,
			base_iri,
			vocabulary: None,
			default_language: None,
			default_base_direction: None,
			definitions: Definitions::default(),
			inverse: OnceCell::default(),
			scoped: Mutex::default(),
		}
	}
}

impl<T, B> Default for Context<T, B> {
	fn default() -> Self {
		Self {
			inner: Arc::new(Inner::new(None, None)),
			previous_context: None,
		}
	}
}

pub type DefinitionEntryRef<'a, T = IriBuf, B = BlankIdBuf> = (&'a Key, &'a TermDefinition<T, B>);

fn same_previous<T, B>(a: &Option<Arc<Context<T, B>>>, b: &Option<Arc<Context<T, B>>>) -> bool {
	match (a, b) {
		(None, None) => true,
		(Some(a), Some(b)) => Arc::ptr_eq(a, b),
		_ => false,
	}
}

impl<T, B> Context<T, B> {
	/// Create a new context with the given base IRI.
	pub fn new(base_iri: Option<T>) -> Self
	where
		T: Clone,
	{
		Self {
			inner: Arc::new(Inner::new(base_iri.clone(), base_iri)),
			previous_context: None,
		}
	}

	/// The id of this context's state (previous context aside): equal ids, equal
	/// states; any change gives a new id, never reused in the process.
	pub fn state_id(&self) -> u64 {
		self.inner.id
	}

	/// The state, for changing it: copied if shared, given a new id, its inverse
	/// and scoped results dropped.
	fn inner_mut(&mut self) -> &mut Inner<T, B>
	where
		T: Clone,
		B: Clone,
	{
		let inner = Arc::make_mut(&mut self.inner);
		inner.id = fresh_id();
		inner.inverse.take();
		if let Ok(scoped) = inner.scoped.get_mut() {
			scoped.clear();
		}
		inner
	}

	/// The context obtained earlier by processing, on this context, the local
	/// context of `term`'s definition in `source` with `flags` (an encoding of
	/// the processing options), if it was kept ([`Self::keep_scoped`]) and
	/// reuse is on for this thread.
	pub fn kept_scoped(&self, source: &Self, term: &str, flags: u32) -> Option<Self> {
		if !scoped_cache_enabled() {
			return None;
		}
		let had_previous = self.previous_context.is_some();
		let scoped = self.inner.scoped.lock().ok()?;
		let entry = scoped.iter().find(|entry| {
			entry.source == source.inner.id
				&& entry.flags == flags
				&& entry.had_previous == had_previous
				&& entry.term == term
		})?;
		let inner = entry.result.clone().unwrap_or_else(|| self.inner.clone());
		let previous_context = match entry.previous {
			PreviousOf::Inherited => self.previous_context.clone(),
			PreviousOf::ProcessedOn => Some(Arc::new(Self {
				inner: self.inner.clone(),
				previous_context: self.previous_context.clone(),
			})),
		};
		Some(Self {
			inner,
			previous_context,
		})
	}

	/// Keeps `result`, the processing on this context of the local context of
	/// `term`'s definition in `source` with `flags`, for [`Self::kept_scoped`].
	/// Results whose previous context is neither this context's previous
	/// context nor this context are not kept, nor results older than this
	/// context (so that kept states never refer back to one another).
	pub fn keep_scoped(&self, source: &Self, term: &str, flags: u32, result: &Self) {
		if !scoped_cache_enabled() {
			return;
		}
		let previous = if same_previous(&result.previous_context, &self.previous_context) {
			PreviousOf::Inherited
		} else {
			match &result.previous_context {
				Some(previous)
					if Arc::ptr_eq(&previous.inner, &self.inner)
						&& same_previous(&previous.previous_context, &self.previous_context) =>
				{
					PreviousOf::ProcessedOn
				}
				_ => return,
			}
		};
		let kept = if Arc::ptr_eq(&result.inner, &self.inner) {
			None
		} else if result.inner.id > self.inner.id {
			Some(result.inner.clone())
		} else {
			return;
		};
		let Ok(mut scoped) = self.inner.scoped.lock() else {
			return;
		};
		if scoped.len() >= MAX_SCOPED {
			scoped.clear();
		}
		scoped.push(ScopedEntry {
			source: source.inner.id,
			term: term.to_owned(),
			flags,
			had_previous: self.previous_context.is_some(),
			result: kept,
			previous,
		});
	}

	/// Returns a reference to the given `term` definition, if any.
	pub fn get<Q>(&self, term: &Q) -> Option<TermDefinitionRef<'_, T, B>>
	where
		Key: Borrow<Q>,
		KeywordType: Borrow<Q>,
		Q: ?Sized + Hash + Eq,
	{
		self.inner.definitions.get(term)
	}

	/// Returns a reference to the given `term` normal definition, if any.
	pub fn get_normal<Q>(&self, term: &Q) -> Option<&NormalTermDefinition<T, B>>
	where
		Key: Borrow<Q>,
		Q: ?Sized + Hash + Eq,
	{
		self.inner.definitions.get_normal(term)
	}

	/// Returns a reference to the `@type` definition, if any.
	pub fn get_type(&self) -> Option<&TypeTermDefinition> {
		self.inner.definitions.get_type()
	}

	/// Checks if the given `term` is defined.
	pub fn contains_term<Q>(&self, term: &Q) -> bool
	where
		Key: Borrow<Q>,
		KeywordType: Borrow<Q>,
		Q: ?Sized + Hash + Eq,
	{
		self.inner.definitions.contains_term(term)
	}

	/// Returns the original base URL of the context.
	pub fn original_base_url(&self) -> Option<&T> {
		self.inner.original_base_url.as_ref()
	}

	/// Returns the base IRI of the context.
	pub fn base_iri(&self) -> Option<&T> {
		self.inner.base_iri.as_ref()
	}

	/// Returns the `@vocab` value, if any.
	pub fn vocabulary(&self) -> Option<&Term<T, B>> {
		self.inner.vocabulary.as_ref()
	}

	/// Returns the default `@language` value.
	pub fn default_language(&self) -> Option<&LenientLangTag> {
		self.inner
			.default_language
			.as_ref()
			.map(|tag| tag.as_lenient_lang_tag_ref())
	}

	/// Returns the default `@direction` value.
	pub fn default_base_direction(&self) -> Option<Direction> {
		self.inner.default_base_direction
	}

	/// Returns a reference to the previous context.
	pub fn previous_context(&self) -> Option<&Self> {
		self.previous_context.as_deref()
	}

	/// Returns the number of terms defined.
	pub fn len(&self) -> usize {
		self.inner.definitions.len()
	}

	/// Checks if no terms are defined.
	pub fn is_empty(&self) -> bool {
		self.inner.definitions.is_empty()
	}

	/// Returns a handle to the term definitions.
	pub fn definitions(&self) -> &Definitions<T, B> {
		&self.inner.definitions
	}

	/// Checks if the context has a protected definition.
	pub fn has_protected_items(&self) -> bool {
		for binding in self.definitions() {
			if binding.definition().protected() {
				return true;
			}
		}

		false
	}

	/// Returns the inverse of this context.
	pub fn inverse(&self) -> &InverseContext<T, B>
	where
		T: Clone + Hash + Eq,
		B: Clone + Hash + Eq,
	{
		self.inner.inverse.get_or_init(|| self.into())
	}

	/// Sets the normal definition for the given term `key`.
	pub fn set_normal(
		&mut self,
		key: Key,
		definition: Option<NormalTermDefinition<T, B>>,
	) -> Option<NormalTermDefinition<T, B>>
	where
		T: Clone,
		B: Clone,
	{
		self.inner_mut().definitions.set_normal(key, definition)
	}

	/// Sets the `@type` definition.
	pub fn set_type(&mut self, type_: Option<TypeTermDefinition>) -> Option<TypeTermDefinition>
	where
		T: Clone,
		B: Clone,
	{
		self.inner_mut().definitions.set_type(type_)
	}

	/// Sets the base IRI.
	pub fn set_base_iri(&mut self, iri: Option<T>)
	where
		T: Clone,
		B: Clone,
	{
		self.inner_mut().base_iri = iri
	}

	/// Sets the `@vocab` value.
	pub fn set_vocabulary(&mut self, vocab: Option<Term<T, B>>)
	where
		T: Clone,
		B: Clone,
	{
		self.inner_mut().vocabulary = vocab;
	}

	/// Sets the default `@language` value.
	pub fn set_default_language(&mut self, lang: Option<LenientLangTagBuf>)
	where
		T: Clone,
		B: Clone,
	{
		self.inner_mut().default_language = lang;
	}

	/// Sets the default `@direction` value.
	pub fn set_default_base_direction(&mut self, dir: Option<Direction>)
	where
		T: Clone,
		B: Clone,
	{
		self.inner_mut().default_base_direction = dir;
	}

	/// Sets the previous context.
	pub fn set_previous_context(&mut self, previous: Self) {
		self.previous_context = Some(Arc::new(previous))
	}

	/// The state, owned: moved out if this context is its only holder.
	fn into_inner(self) -> Inner<T, B>
	where
		T: Clone,
		B: Clone,
	{
		Arc::try_unwrap(self.inner).unwrap_or_else(|shared| (*shared).clone())
	}

	/// Converts this context into its syntactic definition.
	pub fn into_syntax_definition(
		self,
		vocabulary: &impl Vocabulary<Iri = T, BlankId = B>,
	) -> json_ld_syntax::context::Definition
	where
		T: Clone,
		B: Clone,
	{
		let inner = self.into_inner();
		let (bindings, type_) = inner.definitions.into_parts();

		json_ld_syntax::context::Definition {
			base: inner
				.base_iri
				.map(|i| Nullable::Some(vocabulary.iri(&i).unwrap().to_owned().into())),
			import: None,
			language: inner.default_language.map(Nullable::Some),
			direction: inner.default_base_direction.map(Nullable::Some),
			propagate: None,
			protected: None,
			type_: type_.map(TypeTermDefinition::into_syntax_definition),
			version: None,
			vocab: inner.vocabulary.map(|v| match v {
				Term::Null => Nullable::Null,
				Term::Id(r) => Nullable::Some(r.with(vocabulary).to_string().into()),
				Term::Keyword(_) => panic!("invalid vocab"),
			}),
			bindings: bindings
				.into_iter()
				.map(|(key, definition)| (key, definition.into_syntax_definition(vocabulary)))
				.collect(),
		}
	}

	pub fn map_ids<U, C>(
		self,
		mut map_iri: impl FnMut(T) -> U,
		mut map_id: impl FnMut(Id<T, B>) -> Id<U, C>,
	) -> Context<U, C>
	where
		T: Clone,
		B: Clone,
	{
		self.map_ids_with(&mut map_iri, &mut map_id)
	}

	fn map_ids_with<U, C>(
		self,
		map_iri: &mut impl FnMut(T) -> U,
		map_id: &mut impl FnMut(Id<T, B>) -> Id<U, C>,
	) -> Context<U, C>
	where
		T: Clone,
		B: Clone,
	{
		let Self {
			inner,
			previous_context,
		} = self;
		let previous_context = previous_context.map(|c| {
			let c = Arc::try_unwrap(c).unwrap_or_else(|shared| (*shared).clone());
			Arc::new(c.map_ids_with(map_iri, map_id))
		});
		let inner = Arc::try_unwrap(inner).unwrap_or_else(|shared| (*shared).clone());
		Context {
			inner: Arc::new(Inner {
				id: fresh_id(),
				original_base_url: inner.original_base_url.map(&mut *map_iri),
				base_iri: inner.base_iri.map(&mut *map_iri),
				vocabulary: inner.vocabulary.map(|v| v.map_id(&mut *map_id)),
				default_language: inner.default_language,
				default_base_direction: inner.default_base_direction,
				definitions: inner.definitions.map_ids(map_iri, map_id),
				inverse: OnceCell::new(),
				scoped: Mutex::default(),
			}),
			previous_context,
		}
	}
}

/// Context fragment to syntax method.
pub trait IntoSyntax<T = IriBuf, B = BlankIdBuf> {
	fn into_syntax(
		self,
		vocabulary: &impl Vocabulary<Iri = T, BlankId = B>,
	) -> json_ld_syntax::context::Context;
}

impl<T, B> IntoSyntax<T, B> for json_ld_syntax::context::Context {
	fn into_syntax(
		self,
		_namespace: &impl Vocabulary<Iri = T, BlankId = B>,
	) -> json_ld_syntax::context::Context {
		self
	}
}

impl<T: Clone, B: Clone> IntoSyntax<T, B> for Context<T, B> {
	fn into_syntax(
		self,
		vocabulary: &impl Vocabulary<Iri = T, BlankId = B>,
	) -> json_ld_syntax::context::Context {
		json_ld_syntax::context::Context::One(json_ld_syntax::ContextEntry::Definition(
			self.into_syntax_definition(vocabulary),
		))
	}
}

impl<T, B> Clone for Context<T, B> {
	fn clone(&self) -> Self {
		Self {
			inner: self.inner.clone(),
			previous_context: self.previous_context.clone(),
		}
	}
}

impl<T: PartialEq, B: PartialEq> PartialEq for Context<T, B> {
	fn eq(&self, other: &Self) -> bool {
		self.inner.original_base_url == other.inner.original_base_url
			&& self.inner.base_iri == other.inner.base_iri
			&& self.inner.vocabulary == other.inner.vocabulary
			&& self.inner.default_language == other.inner.default_language
			&& self.inner.default_base_direction == other.inner.default_base_direction
			&& self.previous_context == other.previous_context
	}
}
