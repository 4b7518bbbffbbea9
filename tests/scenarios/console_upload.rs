//! The console's CSV upload (issue #24), with the real `issuer` process and its database: a
//! staff member signs in with an API token, sends a 200-row file through the form (2 rows bad:
//! an unknown skill, a missing level), follows the job's server-sent events to their end
//! (200 done, 198 issued, 2 rejected), reads the results page in English and in French (the
//! rejected lines with their reasons, links to the issued credentials), and downloads the report
//! of exactly those 2 rows. The upload is in the audit trail with the file's row count. Refused,
//! with no job and no credential made: a form without its session's CSRF token or with another
//! session's (403), a staff member without the `issue` scope (403). Staff of another department
//! get 404 for the job's page, its events and its report.

use std::io::{BufRead, BufReader};

use scenarios::{issuer_admin, start_issuer, IssuerSetup};
use serde_json::Value;

use crate::console_kit::csrf as form_token;

/// A browser without redirects, holding its own session cookie.
struct Staff {
    agent: ureq::Agent,
    base: String,
    cookie: String,
}

/// An answer: its status, headers of interest, and body.
struct Answer {
    status: u16,
    location: String,
    content_type: String,
    disposition: String,
    body: String,
}

fn answer(result: Result<ureq::Response, ureq::Error>) -> Answer {
    let response = match result {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    let header = |name: &str| response.header(name).unwrap_or_default().to_owned();
    let (location, content_type, disposition) =
        (header("location"), header("content-type"), header("content-disposition"));
    Answer {
        status: response.status(),
        location,
        content_type,
        disposition,
        body: response.into_string().unwrap_or_default(),
    }
}

impl Staff {
    fn sign_in(base: &str, token: &str) -> Self {
        let agent = ureq::AgentBuilder::new().redirects(0).build();
        let response =
            agent.post(&format!("{base}/console/sign-in")).send_form(&[("token", token), ("lang", "en")]).unwrap();
        assert_eq!(response.status(), 303);
        let set = response.all("set-cookie").into_iter().find(|c| c.starts_with("tc_console=")).unwrap().to_owned();
        Self { agent, base: base.to_owned(), cookie: set.split(';').next().unwrap().to_owned() }
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        self.agent.request(method, &format!("{}{path}", self.base)).set("Cookie", &self.cookie)
    }

    fn get(&self, path: &str) -> Answer {
        answer(self.request("GET", path).call())
    }

    /// Posts the upload form: its CSRF token (if any), the language, and the file.
    fn upload(&self, csrf: Option<&str>, file: &str) -> Answer {
        let boundary = "----tc-upload-7d1f";
        let mut body = String::new();
        for (name, value) in csrf.map(|c| ("csrf", c)).into_iter().chain([("lang", "en")]) {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"staff.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
        ));
        let request = self
            .request("POST", "/console/upload")
            .set("Content-Type", &format!("multipart/form-data; boundary={boundary}"));
        answer(request.send_string(&body))
    }

    /// The job's events, read to their end: each event's name and data.
    fn events(&self, job: &str) -> Vec<(String, Value)> {
        let response = self.request("GET", &format!("/console/upload/{job}/events?lang=fr")).call().unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.header("content-type").unwrap_or_default().starts_with("text/event-stream"));
        let mut events = Vec::new();
        let mut name = String::new();
        for line in BufReader::new(response.into_reader()).lines() {
            let line = line.unwrap();
            if let Some(event) = line.strip_prefix("event: ") {
                name = event.to_owned();
            } else if let Some(data) = line.strip_prefix("data: ") {
                events.push((name.clone(), serde_json::from_str(data).unwrap()));
            }
        }
        events
    }
}

/// HTML text as read (the entities maud writes).
fn text(html: &str) -> String {
    html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The department's audit entries of one action, through the API.
fn audited(base: &str, token: &str, action: &str) -> Vec<Value> {
    let response = ureq::get(&format!("{base}/audit")).set("Authorization", &format!("Bearer {token}")).call().unwrap();
    let entries: Value = serde_json::from_str(&response.into_string().unwrap()).unwrap();
    entries.as_array().unwrap().iter().filter(|entry| entry["action"] == action).cloned().collect()
}

#[test]
fn staff_upload_a_csv_follow_its_progress_and_download_the_rejected_rows() {
    let setup = IssuerSetup::new("issue,admin");
    let env = setup.env();
    issuer_admin(&env, &["department", "create", "fin", "--name", "Finance", "--name-fr", "Finances"]);
    let fin_token =
        issuer_admin(&env, &["token", "create", "--department", "fin", "--scopes", "issue,admin"]).trim().to_owned();
    let reviser =
        issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "revoke", "--label", "HR reviser"])
            .trim()
            .to_owned();
    let issuer = start_issuer(setup.port, &env);
    let base = issuer.base_url.clone();

    // 200 rows, the 50th of an unknown skill and the 120th without its level.
    let skills = ["api_design", "accessibility_testing", "ability_to_learn_quickly", "accountability"];
    let mut file = String::from("kind,row_id,skill,level,evidence_en,evidence_fr\n");
    for row in 1..=200 {
        let skill = if row == 50 { "no_such_skill" } else { skills[row % skills.len()] };
        let level = if row == 120 { "" } else { ["beginner", "advanced"][row % 2] };
        file.push_str(&format!("skill,emp-{row},{skill},{level},Row {row},Ligne {row}\n"));
    }

    // The form: its columns explained, the example file.
    let staff = Staff::sign_in(&base, &setup.token);
    let form = staff.get("/console/upload?lang=en");
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("Expected columns") && form.body.contains("enctype=\"multipart/form-data\""),
        "{}",
        form.body
    );
    assert!(form.body.contains("at most 1000 rows"), "the cap is said: {}", form.body);
    let example = staff.get("/console/upload/example.csv");
    assert!(example.body.starts_with("kind,row_id,subject,skill,level,"), "{}", example.body);
    assert!(example.disposition.starts_with("attachment"), "{}", example.disposition);
    let french = staff.get("/console/upload?lang=fr");
    assert!(french.body.contains("Colonnes attendues"), "{}", french.body);
    let csrf = form_token(&form.body);

    // Refused, nothing made: no CSRF token, another session's, no `issue` scope.
    let none = staff.upload(None, &file);
    assert_eq!(none.status, 403, "{}", none.body);
    let other = Staff::sign_in(&base, &setup.token);
    let other_csrf = form_token(&other.get("/console/upload").body);
    assert_ne!(other_csrf, csrf);
    assert_eq!(staff.upload(Some(&other_csrf), &file).status, 403);
    let limited = Staff::sign_in(&base, &reviser);
    let page = limited.get("/console/upload?lang=en");
    assert!(
        page.body.contains("does not allow issuing credentials") && !page.body.contains("type=\"file\""),
        "{}",
        page.body
    );
    let forbidden = limited.upload(Some(&form_token(&page.body)), &file);
    assert_eq!(forbidden.status, 403, "{}", forbidden.body);
    // Refused as well: a file over the row cap (said on the form), a file over 2 MB.
    let mut too_many = String::from("kind,skill,level\n");
    too_many.push_str(&"skill,api_design,advanced\n".repeat(1001));
    let over = staff.upload(Some(&csrf), &too_many);
    assert_eq!(over.status, 400, "{}", over.body);
    assert!(text(&over.body).contains("1001 rows, more than the 1000 accepted per file"), "{}", over.body);
    let huge =
        format!("kind,skill,level,evidence_en\nskill,api_design,advanced,{}\n", "x".repeat(2 * 1024 * 1024 + 10_000));
    let too_large = staff.upload(Some(&csrf), &huge);
    assert_eq!(too_large.status, 400);
    assert!(too_large.body.contains("larger than 2 MB"), "{}", too_large.body);
    assert!(audited(&base, &setup.token, "batch.upload").is_empty(), "no job was made");
    assert!(audited(&base, &setup.token, "credential.issue").is_empty(), "no credential was issued");

    // Uploaded: sent to the job's page, whose events end with every row done.
    let started = staff.upload(Some(&csrf), &file);
    assert_eq!(started.status, 303, "{}", started.body);
    let job = started.location.strip_prefix("/console/upload/").unwrap().split('?').next().unwrap().to_owned();
    let events = staff.events(&job);
    let (last_name, last) = events.last().unwrap();
    assert_eq!(last_name, "done", "{events:?}");
    assert_eq!(
        (&last["done"], &last["total"], &last["issued"], &last["rejected"]),
        (&200.into(), &200.into(), &198.into(), &2.into())
    );
    assert_eq!(last["text"], "200 lignes sur 200 : 198 émises, 0 déjà émises, 2 rejetées", "in the reader's language");
    assert!(events[..events.len() - 1].iter().all(|(name, _)| name == "progress"), "{events:?}");

    // The report: exactly the two rejected rows, their columns and both reasons.
    let report = staff.get(&format!("/console/upload/{job}/rejected.csv"));
    assert_eq!(report.status, 200);
    assert!(
        report.content_type.starts_with("text/csv") && report.disposition.starts_with("attachment;"),
        "{}",
        report.disposition
    );
    let mut reader = csv::Reader::from_reader(report.body.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{}", report.body);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        (&rows[0][at("line")], &rows[0][at("row_id")], &rows[0][at("skill")]),
        ("51", "emp-50", "no_such_skill")
    );
    assert_eq!((&rows[1][at("line")], &rows[1][at("row_id")], &rows[1][at("level")]), ("121", "emp-120", ""));

    // The results page in both languages: the count, the rejected lines with their reasons,
    // the issued rows' links; no reload link once done.
    let english = staff.get(&format!("/console/upload/{job}?lang=en"));
    assert_eq!(english.status, 200);
    let english_text = text(&english.body);
    assert!(english_text.contains("200 of 200 rows: 198 issued, 0 already issued, 2 rejected"), "{english_text}");
    assert!(english.body.contains("<progress id=\"upload-progress\" value=\"200\" max=\"200\">"), "{}", english.body);
    assert!(english.body.contains("role=\"status\"") && !english.body.contains("upload-reload"), "{}", english.body);
    assert_eq!(english.body.matches("href=\"/console/credentials/").count(), 198);
    let french = staff.get(&format!("/console/upload/{job}?lang=fr"));
    let french_text = text(&french.body);
    for row in &rows {
        let line = format!("<td>{}</td>", &row[at("line")]);
        assert!(
            english.body.contains(&line) && english_text.contains(&row[at("reason_en")]),
            "{}",
            &row[at("reason_en")]
        );
        assert!(french_text.contains(&row[at("reason_fr")]), "{}: {french_text}", &row[at("reason_fr")]);
        assert!(!french_text.contains(&row[at("reason_en")]), "no English reason on the French page");
    }
    assert!(rows[0][at("reason_en")].contains("no_such_skill"), "{}", report.body);

    // In the audit trail: the upload with its row count, by the staff member, and each row.
    let uploads = audited(&base, &setup.token, "batch.upload");
    assert_eq!(uploads.len(), 1, "{uploads:?}");
    let detail: Value = serde_json::from_str(uploads[0]["detail"].as_str().unwrap()).unwrap();
    assert_eq!((&detail["rows"], &detail["job"]), (&200.into(), &Value::from(job.as_str())));
    assert!(uploads[0]["actor"].as_str().unwrap().starts_with("token:"), "{uploads:?}");
    assert_eq!(audited(&base, &setup.token, "credential.issue").len(), 198);

    // The form lists the department's latest uploads, this one with a link to it.
    assert!(staff.get("/console/upload?lang=en").body.contains(&format!("href=\"/console/upload/{job}?lang=en\"")));

    // Another department's staff: not found, nothing of the job shown, not listed.
    let stranger = Staff::sign_in(&base, &fin_token);
    assert!(!stranger.get("/console/upload?lang=en").body.contains(&job));
    for path in [
        format!("/console/upload/{job}"),
        format!("/console/upload/{job}/events"),
        format!("/console/upload/{job}/rejected.csv"),
    ] {
        let refused = stranger.get(&path);
        assert_eq!(refused.status, 404, "{path}: {}", refused.body);
        assert!(!refused.body.contains("no_such_skill") && !refused.body.contains("staff.csv"), "{}", refused.body);
    }
}
