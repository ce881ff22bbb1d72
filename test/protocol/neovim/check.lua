-- Drives Neovim (0.7+) as an LSP client of okr-language-server, for test/protocol/neovim.test.ts.
-- Run as: nvim --headless --clean -u NONE -c 'luafile check.lua'
-- It loads the Neovim snippet of README.md (extracted by the test; OKR_NVIM_SNIPPET) unchanged,
-- opens OKR_NVIM_FILE, waits for its diagnostics, asks for a hover and a definition at
-- OKR_NVIM_LINE/OKR_NVIM_COL (0-based line, byte column), opens OKR_NVIM_OTHER to see the
-- client reused, stops the server, writes everything as JSON to OKR_NVIM_OUT and quits.
local env = function(name)
  local value = os.getenv(name)
  if value == nil or value == '' then error('missing environment variable ' .. name) end
  return value
end

local out = env('OKR_NVIM_OUT')
local timeout = tonumber(os.getenv('OKR_NVIM_TIMEOUT') or '') or 20000
local result = { steps = {} }

local function step(name)
  table.insert(result.steps, name)
end

local function write_result()
  local file = assert(io.open(out, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

-- Hover contents may be MarkupContent, a MarkedString or a list of MarkedStrings.
local function hover_text(contents)
  if contents == nil or contents == vim.NIL then return nil end
  if type(contents) == 'string' then return contents end
  if contents.value ~= nil then return contents.value end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, type(part) == 'string' and part or part.value)
  end
  return table.concat(parts, '\n')
end

-- A definition may be a Location, a list of Locations or a list of LocationLinks.
local function locations(value)
  if value == nil or value == vim.NIL then return {} end
  if value.uri ~= nil or value.targetUri ~= nil then value = { value } end
  local list = {}
  for _, location in ipairs(value) do
    local range = location.targetSelectionRange or location.range
    table.insert(list, {
      uri = location.targetUri or location.uri,
      line = range.start.line,
      character = range.start.character,
    })
  end
  return list
end

-- One request to the okr client of `bufnr`, waited for synchronously.
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
  if responses == nil then error(method .. ' failed: ' .. tostring(err)) end
  for _, response in pairs(responses) do
    if response.err ~= nil then error(method .. ' returned an error: ' .. vim.inspect(response.err)) end
    return response.result
  end
  error(method .. ': no client answered')
end

local function clients_of(bufnr)
  local list = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    table.insert(list, { id = client.id, name = client.name, root_dir = client.config.root_dir })
  end
  return list
end

local function run()
  vim.cmd('filetype on') -- -u NONE leaves filetype detection off; the FileType autocmd needs it
  dofile(env('OKR_NVIM_SNIPPET'))
  step('snippet loaded')

  vim.cmd('edit ' .. vim.fn.fnameescape(env('OKR_NVIM_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  local attached = vim.wait(timeout, function() return #vim.lsp.buf_get_clients(bufnr) > 0 end, 20)
  if not attached then error('no client attached to the buffer (is the FileType autocmd running?)') end
  step('attached')

  local arrived = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  if not arrived then error('no diagnostics within ' .. timeout .. ' ms') end
  step('diagnostics')
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      source = d.source,
      code = d.code,
    })
  end

  -- Place the cursor as a user would, and let Neovim build the request (UTF-16 conversion).
  vim.api.nvim_win_set_cursor(0, { tonumber(env('OKR_NVIM_LINE')) + 1, tonumber(env('OKR_NVIM_COL')) })
  local params = vim.lsp.util.make_position_params()
  result.hover = hover_text((request(bufnr, 'textDocument/hover', params) or {}).contents)
  step('hover')
  result.definition = locations(request(bufnr, 'textDocument/definition', params))
  step('definition')

  vim.cmd('edit ' .. vim.fn.fnameescape(env('OKR_NVIM_OTHER')))
  local other = vim.api.nvim_get_current_buf()
  vim.wait(timeout, function() return #vim.lsp.buf_get_clients(other) > 0 end, 20)
  result.clients = { first = clients_of(bufnr), other = clients_of(other) }
  result.active_clients = #vim.lsp.get_active_clients()
  step('second buffer')

  vim.lsp.stop_client(vim.lsp.get_active_clients())
  result.stopped = vim.wait(timeout, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  step('stopped')
end

local ok, err = xpcall(run, debug.traceback)
if not ok then result.error = tostring(err) end
local written, write_err = pcall(write_result)
if not written then io.stderr:write('check.lua: cannot write ' .. out .. ': ' .. tostring(write_err) .. '\n') end
if ok and written then
  vim.cmd('qa!')
else
  if not ok then io.stderr:write('check.lua: ' .. tostring(err) .. '\n') end
  vim.cmd('cquit 1')
end
