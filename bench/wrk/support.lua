-- Signed-in citizens toggle their support of random open problems (POST /ideas/<id>/support).
-- Arguments: a file of sessions ("<cookie> <csrf token>" per line), a file of problem ids, and
-- the number of wrk threads; each thread takes its own share of the sessions and cycles them.
dofile("bench/wrk/report.lua")

local threads_made = 0

function setup(thread)
  thread:set("thread_number", threads_made)
  threads_made = threads_made + 1
end

local sessions, problems, turn = {}, {}, 1

function init(args)
  local session_file, problem_file, threads = args[1], args[2], tonumber(args[3])
  local line_number = 0
  for line in io.lines(session_file) do
    if line_number % threads == thread_number then
      local cookie, token = line:match("^(%S+) (%S+)$")
      table.insert(sessions, { cookie = cookie, token = token })
    end
    line_number = line_number + 1
  end
  for line in io.lines(problem_file) do
    table.insert(problems, line)
  end
  math.randomseed(os.time() + thread_number)
end

function request()
  local session = sessions[turn]
  turn = turn % #sessions + 1
  local problem = problems[math.random(#problems)]
  return wrk.format("POST", "/ideas/" .. problem .. "/support", {
    ["Cookie"] = session.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, "csrf_token=" .. session.token)
end
