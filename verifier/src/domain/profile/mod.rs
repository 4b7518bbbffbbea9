//! A verified talent profile (issue #23): one request for a person's skill and assignment
//! credentials in every format they may hold (`query`), each credential judged and described in
//! plain words when the answer arrives (`line`), the profile a manager reads built from the
//! stored outcome (`view`), shown name-blind first when asked (`blind`), its lines' status
//! read again on demand (`recheck`), and a profile file the holder signed for one audience,
//! pasted on the page (`file`).

pub mod blind;
pub mod file;
pub mod line;
pub mod query;
pub mod recheck;
pub mod view;
