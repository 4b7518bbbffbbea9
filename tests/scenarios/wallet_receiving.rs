//! The wallet's side of "a person loses a credential" (issue #21), with the real issuer and the
//! real wallet: an offer from a `did:web` department is received without any flag, since the
//! wallet is online anyway while it talks to the issuer, and checked again offline with what it
//! learned then; the issuer reached through a proxy
//! that can drop chosen paths as a failing network would, a credential whose issuer's DID document
//! cannot be fetched is kept, marked as not verified yet, and verified later.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::{Arc, Mutex};

use scenarios::{free_port, issuer_admin, start_issuer, wallet, IssuerProcess, IssuerSetup};
use serde_json::{json, Value};

/// A forwarding HTTP proxy on 127.0.0.1 in front of `target`, one request per connection,
/// answering 503 to the paths in `blocked` (what a network that drops them would do) and, for
/// the paths in `lost`, forwarding the request but closing the connection instead of answering
/// (a connection cut after the issuer acted).
struct Proxy {
    port: u16,
    blocked: Arc<Mutex<Vec<String>>>,
    lost: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    fn start(target: String) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (blocked, lost) = (Arc::new(Mutex::new(Vec::new())), Arc::new(Mutex::new(Vec::new())));
        let (refused, dropped) = (blocked.clone(), lost.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (target, refused, dropped) = (target.clone(), refused.clone(), dropped.clone());
                std::thread::spawn(move || forward(stream, &target, &refused, &dropped));
            }
        });
        Self { port, blocked, lost }
    }

    fn block(&self, paths: &[&str]) {
        *self.blocked.lock().unwrap() = paths.iter().map(|path| (*path).to_owned()).collect();
    }

    fn lose_answers(&self, paths: &[&str]) {
        *self.lost.lock().unwrap() = paths.iter().map(|path| (*path).to_owned()).collect();
    }
}

const UNAVAILABLE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

fn listed_in(paths: &Mutex<Vec<String>>, path: &str) -> bool {
    paths.lock().unwrap().iter().any(|listed| path.split('?').next() == Some(listed.as_str()))
}

fn forward(stream: std::net::TcpStream, target: &str, blocked: &Mutex<Vec<String>>, lost: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or("GET").to_owned(), parts.next().unwrap_or("/").to_owned());
    let mut headers = Vec::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            } else if ["authorization", "content-type", "accept"].contains(&name.to_lowercase().as_str()) {
                headers.push((name.to_owned(), value.trim().to_owned()));
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let mut stream = stream;
    if listed_in(blocked, &path) {
        let _ = stream.write_all(UNAVAILABLE);
        return;
    }
    let mut request = ureq::request(&method, &format!("{target}{path}"));
    for (name, value) in &headers {
        request = request.set(name, value);
    }
    let response = match request.send_bytes(&body) {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(_) => return,
    };
    if listed_in(lost, &path) {
        // Closed without a word, after the issuer acted.
        return;
    }
    let (status, kind) = (response.status(), response.content_type().to_owned());
    let mut answer = Vec::new();
    response.into_reader().read_to_end(&mut answer).unwrap();
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        answer.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&answer));
}

/// The department `hr` served behind a [`Proxy`]: its public URL, and so its `did:web` and its
/// offers, name the proxy.
struct ProxiedIssuer {
    dir: tempfile::TempDir,
    _issuer: IssuerProcess,
    proxy: Proxy,
    base_url: String,
    token: String,
    env: Vec<(String, String)>,
}

impl ProxiedIssuer {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data").to_str().unwrap().to_owned();
        let port = free_port();
        let (listen, base_url) = (format!("127.0.0.1:{port}"), format!("http://127.0.0.1:{port}"));
        let proxy = Proxy::start(base_url.clone());
        let public = format!("http://127.0.0.1:{}/", proxy.port);
        let env = [
            ("ISSUER_DATA_DIR", data.as_str()),
            ("ISSUER_LISTEN", listen.as_str()),
            ("ISSUER_PUBLIC_URL", public.as_str()),
        ];
        issuer_admin(
            &env,
            &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
        );
        let token =
            issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue"]).trim().to_owned();
        let issuer = start_issuer(port, &env);
        let env = env.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
        Self { dir, _issuer: issuer, proxy, base_url, token, env }
    }

    /// How many times an offer's code was traded for a token, from the department's audit log.
    fn redeemed(&self) -> usize {
        let env: Vec<(&str, &str)> = self.env.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
        issuer_admin(&env, &["audit", "--department", "hr"]).lines().filter(|l| l.contains("\"offer.redeem\"")).count()
    }
}

fn offer(base: &str, token: &str, body: Value) -> Value {
    let response = ureq::post(&format!("{base}/credentials/offers"))
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(&body.to_string())
        .unwrap();
    assert_eq!(response.status(), 201);
    serde_json::from_str(&response.into_string().unwrap()).unwrap()
}

fn skill_offer(base: &str, token: &str) -> String {
    let body = json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_ldp_vc",
        "fields": {"skill": "api_design", "level": "advanced"}});
    offer(base, token, body)["credentialOfferUri"].as_str().unwrap().to_owned()
}

fn listed(store: &std::path::Path) -> Vec<Value> {
    let listed: Value = serde_json::from_slice(&wallet(store, &["list", "--json"]).stdout).unwrap();
    listed["credentials"].as_array().unwrap().clone()
}

fn text(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Found as a new user: `wallet receive` of a did:web department's offer without `--online`
/// redeemed the single-use code, the issuer issued and recorded the credential, and the wallet
/// then refused it ("did:web is not resolved offline") and stored nothing.
#[test]
fn a_did_web_offer_is_received_without_any_flag() {
    let setup = IssuerSetup::new("issue");
    let issuer = start_issuer(setup.port, &setup.env());
    let store = setup.dir.path().join("wallet");
    assert!(wallet(&store, &["init"]).status.success());

    let received = wallet(&store, &["receive", &skill_offer(&issuer.base_url, &setup.token)]);
    assert_eq!(received.status.code(), Some(0), "{}", text(&received));
    assert!(String::from_utf8_lossy(&received.stdout).contains("API Design"), "{}", text(&received));
    let kept = listed(&store);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["status"], "active", "its status list was read too: {kept:?}");

    // Without a trust list, the issuer's name is said to be its own (#21), in list and show.
    let id = kept[0]["id"].as_str().unwrap();
    assert_eq!(kept[0]["trusted"], false);
    let plain = wallet(&store, &["list"]);
    assert!(text(&plain).contains("(its own name: an issuer you have not said you trust)"), "{}", text(&plain));
    assert!(text(&plain).contains("`--trust FILE`"), "{}", text(&plain));
    let shown = wallet(&store, &["--lang", "fr", "show", id]);
    assert!(text(&shown).contains("il se nomme lui-même « Ressources humaines »"), "{}", text(&shown));
    // Named in a trust list (the verifier's registry format), it is not.
    let exported: Value = serde_json::from_slice(&wallet(&store, &["export", id]).stdout).unwrap();
    let did = exported["issuer"]["id"].as_str().unwrap();
    let registry = setup.dir.path().join("trust.toml");
    std::fs::write(
        &registry,
        format!(
            "[[issuer]]\nid = \"{did}\"\nname = \"HR\"\nname_fr = \"RH\"\ncredential_types = [\"SkillCredential\"]\n"
        ),
    )
    .unwrap();
    let trusted = wallet(&store, &["list", "--trust", registry.to_str().unwrap()]);
    assert!(!text(&trusted).contains("not said you trust"), "{}", text(&trusted));
    let trusted = wallet(&store, &["list", "--json", "--trust", registry.to_str().unwrap()]);
    assert_eq!(serde_json::from_slice::<Value>(&trusted.stdout).unwrap()["credentials"][0]["trusted"], true);
    let shown = wallet(&store, &["show", id, "--trust", registry.to_str().unwrap()]);
    assert!(!text(&shown).contains("not said you trust"), "{}", text(&shown));

    // Offline (the issuer gone), `wallet show` checks it with the DID document the wallet read at
    // receipt, and says plainly what it could not check again, instead of "does not verify".
    drop(issuer);
    let shown = wallet(&store, &["show", id]);
    assert_eq!(shown.status.code(), Some(0), "{}", text(&shown));
    assert!(text(&shown).contains("verifies offline, with its issuer's DID document"), "{}", text(&shown));
    assert!(text(&shown).contains("whether it has been revoked since"), "{}", text(&shown));
    let french = wallet(&store, &["--lang", "fr", "show", id]);
    assert_eq!(french.status.code(), Some(0), "{}", text(&french));
    assert!(text(&french).contains("Non vérifié de nouveau hors ligne"), "{}", text(&french));
    // Online, with the issuer gone: said, and checked offline instead; still verified.
    let online = wallet(&store, &["show", id, "--online"]);
    assert_eq!(online.status.code(), Some(0), "{}", text(&online));
    assert!(text(&online).contains("could not be reached to check it again"), "{}", text(&online));
    assert_eq!(listed(&store)[0]["verified"], true);
}

/// Issue #21: the network drops after the issuer has answered (here, the issuer's DID document
/// cannot be fetched). The credential, already issued and recorded at the department, is kept,
/// marked as not verified yet in both languages, and a later `wallet show` verifies it and
/// removes the mark.
#[test]
fn a_credential_whose_issuer_cannot_be_reached_is_kept_marked_and_verified_later() {
    let issuer = ProxiedIssuer::start();
    let store = issuer.dir.path().join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    issuer.proxy.block(&["/hr/did.json"]);

    let received = wallet(&store, &["receive", &skill_offer(&issuer.base_url, &issuer.token)]);
    assert_eq!(received.status.code(), Some(4), "{}", text(&received));
    assert!(text(&received).contains("not verified yet"), "{}", text(&received));
    let kept = listed(&store);
    assert_eq!(kept.len(), 1, "kept, not thrown away");
    assert_eq!(kept[0]["verified"], false);
    assert_eq!(kept[0]["unverified"]["code"], "did_fetch_failed", "{kept:?}");
    let id = kept[0]["id"].as_str().unwrap().to_owned();
    let french = wallet(&store, &["--lang", "fr", "list"]);
    assert!(String::from_utf8_lossy(&french.stdout).contains("pas encore vérifiée"), "{}", text(&french));

    // Still unreachable: said plainly, shown as received, still marked.
    let shown = wallet(&store, &["--lang", "fr", "show", &id]);
    assert_eq!(shown.status.code(), Some(4), "{}", text(&shown));
    assert!(text(&shown).contains("Pas encore vérifiée") && text(&shown).contains("API Design"), "{}", text(&shown));
    assert_eq!(listed(&store)[0]["verified"], false);

    // Reachable again: verified, and the mark is gone.
    issuer.proxy.block(&[]);
    let shown = wallet(&store, &["show", &id]);
    assert_eq!(shown.status.code(), Some(0), "{}", text(&shown));
    assert!(text(&shown).contains("verified now"), "{}", text(&shown));
    let kept = listed(&store);
    assert_eq!((kept[0]["verified"].clone(), kept[0]["status"].clone()), (json!(true), json!("active")), "{kept:?}");
}

/// Issue #21: the wallet stopped between the token and the credential step (the credential
/// endpoint unreachable) burned the single-use code and orphaned the credential. The same link
/// given again resumes with the token the wallet sealed in its store: the credential is received,
/// the code traded once. Given once more, the link is said already used, in both languages; and
/// when the token's answer itself was lost, the issuer's refusal of the spent code is said as
/// "already used" too.
#[test]
fn receiving_resumes_after_the_token_step_and_a_used_offer_is_said_already_used() {
    let issuer = ProxiedIssuer::start();
    let store = issuer.dir.path().join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    let link = skill_offer(&issuer.base_url, &issuer.token);

    issuer.proxy.block(&["/hr/oid4vci/credential"]);
    let cut = wallet(&store, &["receive", &link]);
    assert_eq!(cut.status.code(), Some(1), "{}", text(&cut));
    assert!(text(&cut).contains("credential"), "{}", text(&cut));
    assert_eq!((listed(&store).len(), issuer.redeemed()), (0, 1));

    issuer.proxy.block(&[]);
    let resumed = wallet(&store, &["receive", &link]);
    assert_eq!(resumed.status.code(), Some(0), "{}", text(&resumed));
    assert!(String::from_utf8_lossy(&resumed.stdout).contains("API Design"), "{}", text(&resumed));
    assert_eq!((listed(&store).len(), issuer.redeemed()), (1, 1), "received, the code traded once");
    let id = listed(&store)[0]["id"].as_str().unwrap().to_owned();

    let again = wallet(&store, &["receive", &link]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("already used") && text(&again).contains(&id), "{}", text(&again));
    let french = wallet(&store, &["--lang", "fr", "receive", &link]);
    assert!(text(&french).contains("déjà été utilisée"), "{}", text(&french));
    assert_eq!(listed(&store).len(), 1);

    // The token's answer lost after the issuer traded the code: it cannot be resumed, and the
    // issuer's refusal is said as "already used".
    let link = skill_offer(&issuer.base_url, &issuer.token);
    issuer.proxy.lose_answers(&["/hr/oid4vci/token"]);
    assert_eq!(wallet(&store, &["receive", &link]).status.code(), Some(1));
    issuer.proxy.lose_answers(&[]);
    let spent = wallet(&store, &["--lang", "fr", "receive", &link]);
    assert_eq!(spent.status.code(), Some(1), "{}", text(&spent));
    assert!(text(&spent).contains("déjà été utilisée") && text(&spent).contains("nouvelle offre"), "{}", text(&spent));
    let spent = wallet(&store, &["receive", &link]);
    assert!(text(&spent).contains("already used") && text(&spent).contains("new offer"), "{}", text(&spent));
}
