//! What the staff console scenarios share: a browser without redirects that keeps its session
//! cookie, a skill credential issued through the API, the console's link to a credential, and
//! the CSRF token of a page's forms.

use serde_json::json;

/// A browser without redirects, holding its own session cookie.
pub struct Browser {
    agent: ureq::Agent,
    base: String,
    cookie: Option<String>,
}

pub struct Answer {
    pub status: u16,
    pub location: String,
    pub set_cookie: Vec<String>,
    pub body: String,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self { agent: ureq::AgentBuilder::new().redirects(0).build(), base: base.to_owned(), cookie: None }
    }

    fn answer(result: Result<ureq::Response, ureq::Error>) -> Answer {
        let response = match result {
            Ok(response) | Err(ureq::Error::Status(_, response)) => response,
            Err(error) => panic!("{error}"),
        };
        let status = response.status();
        let location = response.header("location").unwrap_or_default().to_owned();
        let set_cookie = response.all("set-cookie").into_iter().map(str::to_owned).collect();
        Answer { status, location, set_cookie, body: response.into_string().unwrap_or_default() }
    }

    pub fn get(&self, path: &str) -> Answer {
        let mut request = self.agent.get(&format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.set("Cookie", cookie);
        }
        Self::answer(request.call())
    }

    pub fn post(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        let mut request = self.agent.post(&format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.set("Cookie", cookie);
        }
        Self::answer(request.send_form(form))
    }

    /// Signs in with `token`; returns the `Set-Cookie` of the session.
    pub fn sign_in(&mut self, token: &str) -> String {
        let answer = self.post("/console/sign-in", &[("token", token), ("lang", "en")]);
        assert_eq!((answer.status, answer.location.as_str()), (303, "/console/home?lang=en"), "{}", answer.body);
        let set = answer.set_cookie.iter().find(|c| c.starts_with("tc_console=")).unwrap().clone();
        self.cookie = Some(set.split(';').next().unwrap().to_owned());
        set
    }
}

/// Issues a skill credential with `token` at the issuer `base`; its id.
pub fn issue(base: &str, token: &str) -> String {
    let body = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"});
    let (status, answer) = scenarios::post_json(&format!("{base}/credentials/skill"), token, &body);
    assert_eq!(status, 201, "{answer}");
    answer["verifiableCredential"]["id"].as_str().unwrap().to_owned()
}

/// The console's page of a credential.
pub fn link(id: &str) -> String {
    format!("/console/credentials/{}", url::form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>())
}

/// The CSRF token of the forms on a page.
pub fn csrf(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a form with its CSRF token") + 19;
    page[at..at + 64].to_owned()
}
