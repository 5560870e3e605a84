-- Signed-in citizens toggle their support of random open problems (POST /ideas/<id>/support).
-- Arguments: a file of sessions ("<cookie> <csrf token>" per line), a file of problem ids, and
-- the number of wrk threads; each thread takes its own share of the sessions and cycles them.
dofile("bench/wrk/report.lua")

local threads_made = 0

function setup(thread)
  thread:set("thread_number", threads_made)
  threads_made = threads_made + 1
end

local sessions, ideas, turn = {}, {}, 1

function init(args)
  local session_file, idea_file, threads = args[1], args[2], tonumber(args[3])
  local line_number = 0
  for line in io.lines(session_file) do
    if line_number % threads == thread_number then
      local cookie, token = line:match("^(%S+) (%S+)$")
      table.insert(sessions, { cookie = cookie, token = token })
    end
    line_number = line_number + 1
  end
  for line in io.lines(idea_file) do
    table.insert(ideas, line)
  end
  math.randomseed(os.time() + thread_number)
end

function request()
  local session = sessions[turn]
  turn = turn % #sessions + 1
  local idea = ideas[math.random(#ideas)]
  return wrk.format("POST", "/ideas/" .. idea .. "/support", {
    ["Cookie"] = session.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, "csrf_token=" .. session.token)
end
