-- End-to-end test of `replyguard lsp` through Neovim's own LSP client (0.7 and later).
--
-- Run headless by tests/it/nvim.rs:
--   nvim --headless --clean -n -i NONE -c "luafile tests/nvim/e2e.lua"
-- with REPLYGUARD_BIN (the server binary), REPLYGUARD_FILE (a copy of a fixture reply,
-- edited here) and REPLYGUARD_OUT (a folder for the results). It opens the reply,
-- starts the server with vim.lsp.start_client (vim.lsp.start is 0.8+), waits for the
-- diagnostics, writes them to diagnostics.json, asks for code actions, applies the
-- rewrite action and writes the buffer to rewritten.txt. Any failure is written to
-- error.txt and exits with code 1; success exits 0.

local bin = os.getenv("REPLYGUARD_BIN")
local file = os.getenv("REPLYGUARD_FILE")
local out = os.getenv("REPLYGUARD_OUT")
local rewrite_title = "Rewrite reply for public posting (replyguard fix)"

local function write_file(path, text)
  local handle = assert(io.open(path, "w"))
  handle:write(text)
  handle:close()
end

local function fail(message)
  write_file(out .. "/error.txt", message .. "\n")
  vim.cmd("cquit 1")
end

local function run()
  if not (bin and file and out) then
    return fail("set REPLYGUARD_BIN, REPLYGUARD_FILE and REPLYGUARD_OUT")
  end
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "replyguard",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
    init_options = { platform = "yelp" },
  })
  if not client_id then
    return fail("vim.lsp.start_client failed")
  end
  vim.lsp.buf_attach_client(buf, client_id)

  local got = vim.wait(60000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  if not got then
    return fail("no diagnostics within 60 s")
  end
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_col = d.end_col,
      severity = d.severity,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      source = d.source,
      message = d.message,
    })
  end
  write_file(out .. "/diagnostics.json", vim.fn.json_encode(diagnostics))

  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = 0, character = 0 },
      ["end"] = { line = vim.api.nvim_buf_line_count(buf), character = 0 },
    },
    context = { diagnostics = {} },
  }
  local response = client.request_sync("textDocument/codeAction", params, 30000, buf)
  if not response or response.err or not response.result then
    return fail("codeAction failed: " .. vim.inspect(response))
  end
  local titles = {}
  local rewrite
  for _, action in ipairs(response.result) do
    table.insert(titles, action.title)
    if action.title == rewrite_title then
      rewrite = action
    end
  end
  write_file(out .. "/actions.json", vim.fn.json_encode(titles))
  if not rewrite then
    return fail("no rewrite action among " .. vim.inspect(titles))
  end
  vim.lsp.util.apply_workspace_edit(rewrite.edit, client.offset_encoding)
  vim.cmd("silent write! " .. vim.fn.fnameescape(out .. "/rewritten.txt"))

  client.stop()
  vim.cmd("qall!")
end

local ok, problem = pcall(run)
if not ok then
  fail("error: " .. tostring(problem))
end
