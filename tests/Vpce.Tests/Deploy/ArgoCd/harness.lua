-- Runs an Argo CD health script on one object, as Argo CD does: the object in the global obj, the script's return value
-- read as {status, message}. Usage: lua5.1 harness.lua HEALTH_SCRIPT OBJECT_JSON
local cjson = require("cjson")

-- Argo CD hands JSON null to the script as nil; lua-cjson decodes it as cjson.null.
local function withoutNulls(value)
  if value == cjson.null then
    return nil
  end
  if type(value) == "table" then
    for key, item in pairs(value) do
      value[key] = withoutNulls(item)
    end
  end
  return value
end

local file = assert(io.open(arg[2], "r"))
local text = file:read("*a")
file:close()
obj = withoutNulls(cjson.decode(text))
local hs = assert(loadfile(arg[1]))()
io.write(tostring(hs.status), "\n", tostring(hs.message), "\n")
