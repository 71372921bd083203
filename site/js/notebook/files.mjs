// Local files: reading a dropped or chosen .md (refusing what cannot be a
// notebook before reading it), and the File System Access API where the
// browser has it (Chromium), so that a document opened from disk saves
// back in place. A download stays one click away everywhere.

export const MAX_FILE = 1 << 20;

// readNotebookFile is file's text, or throws an Error saying why not.
export async function readNotebookFile(file) {
  if (file.size > MAX_FILE) throw new Error(`${file.name} is ${file.size} bytes: a notebook is at most ${MAX_FILE} bytes`);
  const text = await file.text();
  if (text.includes('\u0000')) throw new Error(`${file.name} is not a text file`);
  return text;
}

export const canSaveInPlace = () => typeof globalThis.showOpenFilePicker === 'function';

// pickFile asks for a .md with the File System Access API: {file, handle},
// or null when the user cancelled.
export async function pickFile() {
  let handles;
  try {
    handles = await globalThis.showOpenFilePicker({
      types: [{ description: 'Notebook', accept: { 'text/markdown': ['.md'], 'text/plain': ['.md', '.txt'] } }],
    });
  } catch (err) {
    if (err.name === 'AbortError') return null;
    throw err;
  }
  return { file: await handles[0].getFile(), handle: handles[0] };
}

// writeInPlace replaces the file behind handle by text.
export async function writeInPlace(handle, text) {
  if (handle.requestPermission && (await handle.requestPermission({ mode: 'readwrite' })) !== 'granted') {
    throw new Error('the browser was not allowed to write the file');
  }
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
}
