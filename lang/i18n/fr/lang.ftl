unknown-language = langue inconnue « { $code } » : « en » ou « fr » attendu
