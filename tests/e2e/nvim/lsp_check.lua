-- Drive the intheflow language server from Neovim's own LSP client (0.7: vim.lsp.start_client)
-- and write what it got to $INTHEFLOW_OUT as JSON. Run by tests/e2e/test_neovim.py:
--   nvim --headless --clean -c "luafile tests/e2e/nvim/lsp_check.lua"
-- Inputs (environment): INTHEFLOW_PYTHON, INTHEFLOW_WORKSPACE, INTHEFLOW_HOVER_FILE,
-- INTHEFLOW_HOVER_LINE, INTHEFLOW_HOVER_CHAR, INTHEFLOW_COMPLETE_FILE, INTHEFLOW_COMPLETE_LINE,
-- INTHEFLOW_COMPLETE_CHAR (0-based), INTHEFLOW_OUT.
local env = vim.env
local result = { steps = {} }

local function step(name)
  table.insert(result.steps, name)
end

local function finish()
  local f = assert(io.open(env.INTHEFLOW_OUT, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local function open(relpath, client_id)
  vim.cmd('edit ' .. vim.fn.fnameescape(env.INTHEFLOW_WORKSPACE .. '/' .. relpath))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function request(client, buf, method, params)
  local resp, err = client.request_sync(method, params, 10000, buf)
  if resp == nil then
    return nil, tostring(err)
  end
  if resp.err ~= nil then
    return nil, vim.inspect(resp.err)
  end
  return resp.result, nil
end

local ok, err = pcall(function()
  result.nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch
  local client_id = vim.lsp.start_client({
    name = 'intheflow',
    cmd = { env.INTHEFLOW_PYTHON, '-m', 'intheflow', 'serve', '--stdio' },
    root_dir = env.INTHEFLOW_WORKSPACE,
    init_options = {},
  })
  assert(client_id, 'vim.lsp.start_client returned nil')
  step('started')

  local hover_buf = open(env.INTHEFLOW_HOVER_FILE, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  local initialized = vim.wait(30000, function()
    return client.initialized == true or (client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil)
  end, 50)
  assert(initialized, 'the server did not finish initialize')
  result.hover_provider = client.server_capabilities.hoverProvider and true or false
  step('initialized')

  -- Hover across files needs the workspace index: retry until the service shows up.
  local hover_params = {
    textDocument = { uri = vim.uri_from_bufnr(hover_buf) },
    position = { line = tonumber(env.INTHEFLOW_HOVER_LINE), character = tonumber(env.INTHEFLOW_HOVER_CHAR) },
  }
  vim.wait(30000, function()
    local hover, herr = request(client, hover_buf, 'textDocument/hover', hover_params)
    result.hover_error = herr
    if hover ~= nil and hover.contents ~= nil then
      local contents = hover.contents
      result.hover = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or contents
      return string.find(result.hover, 'payments-api', 1, true) ~= nil
    end
    return false
  end, 200)
  step('hover')

  local complete_buf = open(env.INTHEFLOW_COMPLETE_FILE, client_id)
  local completion, cerr = request(client, complete_buf, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(complete_buf) },
    position = { line = tonumber(env.INTHEFLOW_COMPLETE_LINE), character = tonumber(env.INTHEFLOW_COMPLETE_CHAR) },
  })
  result.completion_error = cerr
  result.completion = {}
  if completion ~= nil then
    local items = completion.items or completion
    for _, item in ipairs(items) do
      table.insert(result.completion, item.label)
    end
  end
  step('completion')

  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
  result.stopped = client.is_stopped()
  step('stopped')
end)

if not ok then
  result.error = tostring(err)
end
finish()
