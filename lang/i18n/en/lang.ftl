unknown-language = unknown language "{ $code }": expected "en" or "fr"
