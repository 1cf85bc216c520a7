// In the browser preview, files the core wrote (exports, bundles, calendars) land in the exports
// folder on the machine running the preview, out of the browser's reach: this link downloads one.
// The desktop app saves where the person chose in the save dialog, so it shows nothing there.
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';

/** The file's name, whichever separator its path uses. */
export function fileName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

export function DownloadLink({ file }: { file: string }) {
  const { t } = useTranslation('records');
  const preview = window.stewardPreview;
  if (!preview) return null;
  const name = fileName(file);
  return (
    <a className="button button--secondary button--sm" href={preview.downloadUrl(file)} download={name}>
      <Icon name="download" className="button__icon" />
      <span className="button__label">{t('download.file', { name })}</span>
    </a>
  );
}

/** The downloads for one result (a file and its companion), in a row. */
export function Downloads({ files }: { files: readonly (string | null)[] }) {
  if (!window.stewardPreview) return null;
  const present = files.filter((f): f is string => Boolean(f));
  if (present.length === 0) return null;
  return (
    <div className="button-row">
      {present.map((file) => (
        <DownloadLink key={file} file={file} />
      ))}
    </div>
  );
}
