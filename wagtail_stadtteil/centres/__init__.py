"""Page types for centres, offers, offices and consultation hours, the behaviours
(abstract mixins) they are composed of, StreamField blocks and public templates."""
