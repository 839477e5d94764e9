//! The gallery: the lesson's programs and the worlds they run in.
