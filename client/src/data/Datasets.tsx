// The datasets the graph holds, with their counts, date and who loaded them; an editor removes one.
export function Datasets() {
  return null;
}
