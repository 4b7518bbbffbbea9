//! The token reached through its module, and its pool of logged-in sessions (see the module
//! documentation of [`crate::pkcs11`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as Pkcs11Error, RvError};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, SessionState, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use zeroize::Zeroizing;

use super::error::TokenError;

/// Which token of the module: by label (as `softhsm2-util --init-token --label` sets it) or by
/// slot number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenChoice {
    Label(String),
    Slot(u64),
}

impl std::fmt::Display for TokenChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Label(label) => f.write_str(label),
            Self::Slot(slot) => write!(f, "slot {slot}"),
        }
    }
}

/// The token's user PIN. Read from a file or an environment variable by the caller, never
/// printed (`Debug` shows nothing of it), zeroized when dropped.
#[derive(Clone)]
pub struct Pin(Zeroizing<String>);

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(..)")
    }
}

impl Pin {
    pub fn new(pin: impl Into<String>) -> Self {
        Self(Zeroizing::new(pin.into()))
    }

    /// The PIN kept in a file (its first line; the trailing newline is not part of it).
    pub fn from_file(path: &Path) -> Result<Self, TokenError> {
        let text = Zeroizing::new(
            std::fs::read_to_string(path).map_err(|source| TokenError::PinFile { path: path.to_owned(), source })?,
        );
        Ok(Self::new(text.lines().next().unwrap_or_default()))
    }

    fn auth(&self) -> AuthPin {
        AuthPin::from(self.0.as_str())
    }
}

/// Where the user PIN comes from. A file is read again at each login (after the pool was
/// dropped), so a PIN changed on the token and in its file is taken up without a restart.
#[derive(Debug, Clone)]
pub enum PinSource {
    Given(Pin),
    File(PathBuf),
}

impl PinSource {
    fn read(&self) -> Result<Pin, TokenError> {
        match self {
            Self::Given(pin) => Ok(pin.clone()),
            Self::File(path) => Pin::from_file(path),
        }
    }
}

impl From<Pin> for PinSource {
    fn from(pin: Pin) -> Self {
        Self::Given(pin)
    }
}

/// How to reach a token: the module (shared library), which token, its PIN, and how many
/// sessions to keep for concurrent signing.
#[derive(Debug, Clone)]
pub struct TokenConfig {
    pub module: PathBuf,
    pub token: TokenChoice,
    pub pin: PinSource,
    pub sessions: usize,
}

impl TokenConfig {
    /// Sessions for a runtime with `threads` worker threads: one each, and one more so a key
    /// lookup or a rotation does not wait behind signatures.
    pub fn sessions_for(threads: usize) -> usize {
        threads.max(1) + 1
    }
}

/// A token reached through its PKCS#11 module, with its pool of logged-in sessions. Cheap to
/// clone (the clones share the pool).
#[derive(Clone)]
pub struct Token {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("module", &self.inner.config.module)
            .field("token", &self.inner.config.token)
            .field("sessions", &self.inner.config.sessions)
            .finish_non_exhaustive()
    }
}

struct Inner {
    config: TokenConfig,
    name: String,
    pool: Mutex<Pool>,
    returned: Condvar,
}

#[derive(Default)]
struct Pool {
    open: Option<Opened>,
    /// Sessions lent out now.
    busy: usize,
    /// Bumped whenever the pool is dropped after a failure: sessions lent out before come back
    /// to a pool they no longer belong to, and are closed instead of kept.
    generation: u64,
    /// The context of a pool dropped after a failure, finalized once no session of it is lent
    /// any more (see [`reset_context`]).
    stale: Option<Arc<Pkcs11>>,
}

/// The token found in its slot and logged in, with idle sessions and the key handles found.
struct Opened {
    context: Arc<Pkcs11>,
    slot: Slot,
    idle: Vec<Session>,
    handles: HashMap<String, ObjectHandle>,
}

/// A session lent out of the pool, with the pool generation it came from.
struct Lent {
    session: Session,
    slot: Slot,
    generation: u64,
}

/// A module is loaded and initialized once per process: PKCS#11 allows one initialization per
/// application, which every token of the module then shares.
fn contexts() -> &'static Mutex<HashMap<PathBuf, Arc<Pkcs11>>> {
    static CONTEXTS: OnceLock<Mutex<HashMap<PathBuf, Arc<Pkcs11>>>> = OnceLock::new();
    CONTEXTS.get_or_init(Mutex::default)
}

fn context(module: &Path) -> Result<Arc<Pkcs11>, TokenError> {
    let unavailable = |detail: String| TokenError::Module { path: module.to_owned(), detail };
    let mut contexts = contexts().lock().map_err(|e| unavailable(e.to_string()))?;
    if let Some(context) = contexts.get(module) {
        return Ok(context.clone());
    }
    let context = Pkcs11::new(module).map_err(|e| unavailable(e.to_string()))?;
    match context.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Ok(()) | Err(Pkcs11Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
        Err(error) => return Err(unavailable(error.to_string())),
    }
    let context = Arc::new(context);
    contexts.insert(module.to_owned(), context.clone());
    Ok(context)
}

/// Finalizes the module's context so the next use initializes it again: a module reads its
/// tokens at initialization (SoftHSM2 keeps a token whose directory went away broken until
/// then), so a token that comes back is only seen by a new initialization. Called when none of
/// this token's sessions is lent; every session of the module ends.
fn reset_context(module: &Path, context: &Arc<Pkcs11>) {
    if let Ok(mut contexts) = contexts().lock() {
        if contexts.get(module).is_some_and(|current| Arc::ptr_eq(current, context)) {
            contexts.remove(module);
            let _ = Pkcs11::clone(context).finalize();
        }
    }
}

impl Token {
    /// Reaches the token and logs in, so a wrong module path, label or PIN is reported at start.
    pub fn open(config: TokenConfig) -> Result<Self, TokenError> {
        let token = Self::lazy(config);
        token.check()?;
        Ok(token)
    }

    /// A token reached on first use (and again after each failure): a service may start while
    /// its token is away, answering "unavailable" until it is back.
    pub fn lazy(mut config: TokenConfig) -> Self {
        config.sessions = config.sessions.max(1);
        let name = config.token.to_string();
        Self { inner: Arc::new(Inner { config, name, pool: Mutex::default(), returned: Condvar::new() }) }
    }

    /// The token's name as messages give it (its label, or its slot).
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Whether the token answers and its login holds: a session is lent and asked for its state.
    pub fn check(&self) -> Result<(), TokenError> {
        self.with_session(|session, slot| {
            // The token's own state first: SoftHSM2 keeps sessions of a token whose directory
            // went away, but no longer reads its token information.
            self.context()?.get_token_info(slot).map_err(|e| self.error(e))?;
            let info = session.get_session_info().map_err(|e| self.error(e))?;
            if matches!(info.session_state(), SessionState::RoPublic | SessionState::RwPublic) {
                return Err(TokenError::Lost { token: self.name().to_owned(), detail: "not logged in".into() });
            }
            Ok(())
        })
    }

    fn context(&self) -> Result<Arc<Pkcs11>, TokenError> {
        self.lock()?
            .open
            .as_ref()
            .map(|open| open.context.clone())
            .ok_or_else(|| TokenError::Lost { token: self.name().to_owned(), detail: "sessions closed".into() })
    }

    pub(super) fn error(&self, error: Pkcs11Error) -> TokenError {
        TokenError::from_pkcs11(self.name(), error)
    }

    fn lock(&self) -> Result<MutexGuard<'_, Pool>, TokenError> {
        self.inner.pool.lock().map_err(|e| TokenError::Failed { detail: e.to_string() })
    }

    /// Runs `work` on a logged-in session of the pool, waiting for one when all are lent. A
    /// failure that says the token or the session is gone drops the whole pool.
    pub(super) fn with_session<T>(
        &self,
        work: impl FnOnce(&Session, Slot) -> Result<T, TokenError>,
    ) -> Result<T, TokenError> {
        let lent = self.lend()?;
        let result = work(&lent.session, lent.slot);
        let keep = !matches!(&result, Err(error) if error.is_unavailable());
        self.give_back(lent, keep);
        result
    }

    fn lend(&self) -> Result<Lent, TokenError> {
        let mut pool = self.lock()?;
        loop {
            if pool.open.is_none() {
                if let Some(stale) = pool.stale.clone() {
                    if pool.busy > 0 {
                        pool = self.wait(pool)?;
                        continue;
                    }
                    reset_context(&self.inner.config.module, &stale);
                    pool.stale = None;
                }
                match self.reach() {
                    Ok(open) => pool.open = Some(open),
                    Err(error) => {
                        // Initialized again on the next try: the module may have kept a broken
                        // view of the token.
                        pool.stale = contexts().lock().ok().and_then(|c| c.get(&self.inner.config.module).cloned());
                        return Err(error);
                    }
                }
            }
            let generation = pool.generation;
            let busy = pool.busy;
            let Some(open) = pool.open.as_mut() else { continue };
            let slot = open.slot;
            let session = match open.idle.pop() {
                Some(session) => session,
                None if busy < self.inner.config.sessions => match open.context.open_rw_session(slot) {
                    Ok(session) => session,
                    Err(error) => {
                        let error = self.error(error);
                        if error.is_unavailable() {
                            Self::drop_pool(&mut pool);
                        }
                        return Err(error);
                    }
                },
                None => {
                    pool = self.wait(pool)?;
                    continue;
                }
            };
            pool.busy += 1;
            return Ok(Lent { session, slot, generation });
        }
    }

    fn wait<'a>(&self, pool: MutexGuard<'a, Pool>) -> Result<MutexGuard<'a, Pool>, TokenError> {
        self.inner.returned.wait(pool).map_err(|e| TokenError::Failed { detail: e.to_string() })
    }

    fn give_back(&self, lent: Lent, keep: bool) {
        let Ok(mut pool) = self.inner.pool.lock() else { return };
        let current = lent.generation == pool.generation;
        match pool.open.as_mut() {
            Some(open) if keep && current => open.idle.push(lent.session),
            // Closed before it counts as returned: the context is finalized only after that.
            _ => drop(lent.session),
        }
        if !keep && current {
            Self::drop_pool(&mut pool);
        }
        pool.busy = pool.busy.saturating_sub(1);
        drop(pool);
        self.inner.returned.notify_all();
    }

    /// Forgets the sessions and handles after a failure; the next request reaches the token
    /// again. Idle sessions are closed now (dropping one closes it), sessions still lent when
    /// they come back.
    fn drop_pool(pool: &mut Pool) {
        if let Some(open) = pool.open.take() {
            // Logging out ends the login of every session of this application with the token,
            // so the next login checks the PIN again (a PIN changed meanwhile is noticed).
            if let Some(session) = open.idle.first() {
                let _ = session.logout();
            }
            drop(open.idle);
            pool.stale = Some(open.context);
        }
        pool.generation += 1;
    }

    /// Finds the token's slot and logs in on a first session.
    fn reach(&self) -> Result<Opened, TokenError> {
        let context = context(&self.inner.config.module)?;
        let slot = self.find_slot(&context)?;
        let session = context.open_rw_session(slot).map_err(|e| self.error(e))?;
        match session.login(UserType::User, Some(&self.inner.config.pin.read()?.auth())) {
            Ok(()) | Err(Pkcs11Error::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(error) => return Err(self.error(error)),
        }
        Ok(Opened { context, slot, idle: vec![session], handles: HashMap::new() })
    }

    fn find_slot(&self, context: &Pkcs11) -> Result<Slot, TokenError> {
        let slots = context.get_slots_with_initialized_token().map_err(|e| self.error(e))?;
        let found = match &self.inner.config.token {
            TokenChoice::Slot(id) => slots.into_iter().find(|s| s.id() == *id),
            TokenChoice::Label(label) => slots.into_iter().find(|slot| {
                context.get_token_info(*slot).map(|info| info.label().trim_end() == label).unwrap_or(false)
            }),
        };
        found.ok_or_else(|| TokenError::NoToken { token: self.name().to_owned() })
    }

    /// The private key labelled `label`, its handle remembered until the pool is dropped.
    pub(super) fn private_key(&self, session: &Session, label: &str) -> Result<ObjectHandle, TokenError> {
        if let Some(handle) = self.lock()?.open.as_ref().and_then(|o| o.handles.get(label).copied()) {
            return Ok(handle);
        }
        let handle = self.find(session, ObjectClass::PRIVATE_KEY, label)?;
        if let Some(open) = self.lock()?.open.as_mut() {
            open.handles.insert(label.to_owned(), handle);
        }
        Ok(handle)
    }

    pub(super) fn find(&self, session: &Session, class: ObjectClass, label: &str) -> Result<ObjectHandle, TokenError> {
        let template = [
            Attribute::Class(class),
            Attribute::KeyType(KeyType::EC_EDWARDS),
            Attribute::Label(label.as_bytes().to_vec()),
        ];
        let found = session.find_objects(&template).map_err(|e| self.error(e))?;
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(TokenError::NoKey { token: self.name().to_owned(), label: label.to_owned() }),
            _ => Err(TokenError::Malformed { label: label.to_owned(), detail: format!("{} objects", found.len()) }),
        }
    }

    /// Forgets the handle found for `label` (the object changed, or names nothing now).
    pub(super) fn forget_handle(&self, label: &str) {
        if let Ok(mut pool) = self.lock() {
            if let Some(open) = pool.open.as_mut() {
                open.handles.remove(label);
            }
        }
    }

    /// Reads boolean attributes of the private key labelled `label` (tests and audits check
    /// `CKA_SENSITIVE`, `CKA_EXTRACTABLE`).
    pub fn private_key_flags(&self, label: &str) -> Result<KeyFlags, TokenError> {
        self.with_session(|session, _| {
            let handle = self.find(session, ObjectClass::PRIVATE_KEY, label)?;
            let wanted = [
                AttributeType::Sensitive,
                AttributeType::Extractable,
                AttributeType::Token,
                AttributeType::Sign,
                AttributeType::NeverExtractable,
            ];
            let mut flags = KeyFlags::default();
            for attribute in session.get_attributes(handle, &wanted).map_err(|e| self.error(e))? {
                match attribute {
                    Attribute::Sensitive(v) => flags.sensitive = v,
                    Attribute::Extractable(v) => flags.extractable = v,
                    Attribute::Token(v) => flags.token = v,
                    Attribute::Sign(v) => flags.sign = v,
                    Attribute::NeverExtractable(v) => flags.never_extractable = v,
                    _ => {}
                }
            }
            Ok(flags)
        })
    }
}

/// Boolean attributes of a private key object, as the token reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyFlags {
    pub sensitive: bool,
    pub extractable: bool,
    pub never_extractable: bool,
    pub token: bool,
    pub sign: bool,
}
