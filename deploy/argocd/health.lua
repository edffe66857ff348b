-- Argo CD health check for vpce.io VpcEndpoint, EndpointBucketPolicy and AwsAccount (resource.customizations.health.*).
-- Healthy: Ready=True for the current generation. Degraded: a refusal the operator will not retry its way out of,
-- or an AwsAccount whose role cannot be used (Ready=False). Progressing: everything else (not yet reconciled, pending on
-- AWS, retrying a transient error).
local hs = {}

-- Synced=False reasons that only a change of the spec (or of AWS by a person) resolves.
local terminalSyncReasons = {
  InvalidSpec = true, ImmutableFieldChanged = true, AdoptionConflict = true,
  RegionMismatch = true, WouldLockOutOperator = true, SidConflict = true, DeletedPrincipalInPolicy = true,
}
-- Ready=False reasons for AWS endpoint states that do not change by themselves.
local terminalReadyReasons = { Failed = true, Rejected = true, Expired = true }
-- AwsAccount Ready=False reasons: the role cannot be assumed, it acts in another account than spec.accountId, or the spec
-- is invalid. Every object naming the account is refused meanwhile, so the account is Degraded, not Progressing.
local terminalAccountReasons = { AssumeRoleFailed = true, AccountMismatch = true, InvalidSpec = true }

local function findCondition(conditions, conditionType)
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function describe(condition)
  local text = condition.type .. "=" .. tostring(condition.status)
  if condition.reason ~= nil and condition.reason ~= "" then
    text = text .. " (" .. condition.reason .. ")"
  end
  if condition.message ~= nil and condition.message ~= "" then
    text = text .. ": " .. condition.message
  end
  return text
end

local generation = obj.metadata ~= nil and obj.metadata.generation or nil
local status = obj.status

if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  if obj.kind == "AwsAccount" and status ~= nil and status.objects ~= nil and status.objects > 0 then
    hs.message = "Deleting: held while " .. tostring(status.objects) .. " object(s) name it in spec.accountRef"
  else
    hs.message = "Deleting: waiting for the operator to remove its finalizer"
  end
  return hs
end

if status == nil or status.conditions == nil or #status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

-- A status written for an older spec says nothing about the current one.
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local ready = findCondition(status.conditions, "Ready")
local synced = findCondition(status.conditions, "Synced")

if obj.kind == "AwsAccount" and ready ~= nil and ready.status == "False" and terminalAccountReasons[ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end

if synced ~= nil and synced.status == "False" and terminalSyncReasons[synced.reason] then
  hs.status = "Degraded"
  hs.message = describe(synced)
  return hs
end

if ready ~= nil and ready.status == "False" and terminalReadyReasons[ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end

hs.status = "Progressing"
if synced ~= nil and synced.status == "False" then
  hs.message = describe(synced)
elseif ready ~= nil then
  hs.message = describe(ready)
else
  hs.message = "Waiting for the Ready condition"
end
return hs
