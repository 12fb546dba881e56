-- make soak: mixed authenticated reads and writes, one request list per
-- connection in turn.  From the environment: SOAK_TOKEN (a coordinator's
-- bearer token), SOAK_CLIENT (a client id she may read and write).
-- Counts the answers by class per thread; done() prints one line
-- "SOAK status 2xx=N 3xx=N 4xx=N 5xx=N" that bench/soak.py reads.
-- No read grows with the writes (the journal list, which returns every
-- entry, is left out), so a steady server's memory stays flat.
local token = os.getenv("SOAK_TOKEN")
local client = os.getenv("SOAK_CLIENT")
local threads = {}
local n = 0
counts = { 0, 0, 0, 0, 0 }

local base = "/api/v1/clients/" .. client
local plan = {
	{ "GET", base .. "/timeline" },
	{ "GET", "/api/v1/worklist" },
	{ "POST", base .. "/journal" },
	{ "GET", base },
	{ "GET", "/api/v1/clients?limit=20" },
	{ "GET", base .. "/promises" },
	{ "POST", base .. "/journal" },
	{ "GET", base .. "/court-orders" },
	{ "GET", "/api/v1/figures/institution" },
	{ "GET", base .. "/alerts" },
}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	counts = { 0, 0, 0, 0, 0 }
	wrk.headers["Authorization"] = "Bearer " .. token
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	n = n + 1
	local p = plan[(n % #plan) + 1]
	if p[1] == "POST" then
		return wrk.format("POST", p[2], nil,
		    '{"text":"Soak: a short fictitious journal entry number ' .. n .. '."}')
	end
	return wrk.format("GET", p[2], nil, nil)
end

function response(status, headers, body)
	local c = math.floor(status / 100)
	if c >= 1 and c <= 5 then
		counts[c] = counts[c] + 1
	end
end

function done(summary, latency, requests)
	local t = { 0, 0, 0, 0, 0 }
	for _, thread in ipairs(threads) do
		local c = thread:get("counts")
		for i = 1, 5 do
			t[i] = t[i] + c[i]
		end
	end
	io.write(string.format("SOAK status 2xx=%d 3xx=%d 4xx=%d 5xx=%d errors=%d\n",
	    t[2], t[3], t[4], t[5], summary.errors.connect + summary.errors.read +
	    summary.errors.write + summary.errors.timeout))
end
