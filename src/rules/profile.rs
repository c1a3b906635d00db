//! What the config says about the documents it covers (`[document]`): the rules read it, the
//! config fills it in.

/// The administrative levels a document can speak for, by the character it calls itself with
/// (`我省`, `我市`, `我县`…).
pub const SELF_LEVELS: [&str; 7] = ["省", "市", "州", "盟", "区", "县", "旗"];

/// What the config says about the documents it covers (`[document]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// The level the documents speak for: one of [`SELF_LEVELS`].
    pub level: Option<String>,
    /// The region the documents speak for, as the gazetteer names it (`天津市`).
    pub region: Option<String>,
    /// Region names and phrases that are never reported (`北京冬奥会`, `在北京召开`).
    pub allow: Vec<String>,
}
