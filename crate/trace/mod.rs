//! Events, their narration in Chinese and English, and formatters.
