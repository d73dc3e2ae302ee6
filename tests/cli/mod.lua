-- module loaded with `-l mod` / `-l alias=mod`
return { value = "module value", name = ... }
