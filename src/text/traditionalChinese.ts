/**
 * Traditional forms of the Chinese characters that Chinese document and certificate numbers are
 * written with, each beside its simplified form. Why: a number is issued in simplified characters
 * (`苏人社〔2024〕88号`), but a user on a traditional-Chinese keyboard or input method (Hong Kong, Macao,
 * Taiwan, or a phone set that way) types the same document as `蘇人社〔2024〕88號`; NFKD does not fold the
 * two, so without this table one certificate uploaded twice would count twice (no
 * `duplicate_credential`, no fraud referral, a higher limit). The table is small on purpose: the
 * characters of the number words (号, 第, 字, 证, 书, 编, 码), of issuers and their region abbreviations
 * (人社, 厅, 区, 县, the provinces), and of the catalog's qualification and exam names (资格, 专业,
 * 级, 会计, 导游, 奖学金). Each pair is a plain traditional-to-simplified merge (every traditional,
 * Taiwan and Hong Kong standard maps the left character to the right one, and the right one is itself
 * simplified), so no character a simplified number uses is ever changed, and folding twice is
 * folding once. A character outside the table is kept as typed.
 */
const PAIRS = [
  // Number words: 号 第 字 and what a document is called, issued, registered or approved as.
  '號号 證证 書书 編编 碼码 記记 錄录 冊册 註注 發发 頒颁 認认 許许 備备 審审 準准 檔档 類类 項项 屆届 頁页 單单 據据 執执 憑凭 稱称 鑑鉴 報报 設设 實实',
  // Qualification, exam and award words of the certificate catalog (资格, 专业, 等级, 会计师, 导游证, 奖学金).
  '資资 師师 專专 業业 級级 學学 職职 試试 會会 計计 藥药 醫医 護护 導导 遊游 語语 獎奖 從从 術术 機机 網网 約约 車车 評评 遞递 優优 訓训 練练 習习 測测 員员 駕驾 駛驶 營营 運运 輸输 經经 濟济 財财 務务 稅税 統统 範范 數数 創创 絲丝 鄰邻 價价 標标 權权 產产 屬属 齡龄 歲岁',
  // Issuers and places: offices, bodies, administrative areas, provinces and their one-character abbreviations.
  '國国 廳厅 區区 縣县 鄉乡 鎮镇 辦办 處处 門门 勞劳 動动 衛卫 農农 環环 質质 監监 檢检 驗验 場场 總总 貿贸 體体 協协 聯联 團团 組组 織织 構构 關关 銀银 險险 園园 開开',
  '華华 東东 廣广 蘇苏 滬沪 與与 粵粤 遼辽 魯鲁 贛赣 晉晋 陝陕 閩闽 貴贵 寧宁 瓊琼 雲云 臺台 灣湾 龍龙 肅肃 慶庆',
  // Variant forms of the above that keyboards also give: 鑒 (Taiwan's 鑑), 衞 (Hong Kong's 衛), 証 (the
  // Japanese and old form of 證). An outside check found each counted as a second certificate.
  '鑒鉴 衞卫 証证',
];

/** Each traditional character of {@link PAIRS} to its simplified form. */
export const SIMPLIFIED_OF_TRADITIONAL: ReadonlyMap<string, string> = new Map(
  PAIRS.flatMap((group) => group.split(' ').map((pair) => [...pair] as [string, string])),
);

const TRADITIONAL = new RegExp(`[${[...SIMPLIFIED_OF_TRADITIONAL.keys()].join('')}]`, 'gu');

/**
 * The text with each traditional character of the table replaced by its simplified form; every other
 * character kept as it is.
 *
 * @example
 * simplifiedChinese('蘇人社〔2024〕88號'); // '苏人社〔2024〕88号'
 */
export function simplifiedChinese(text: string): string {
  return text.replace(TRADITIONAL, (c) => SIMPLIFIED_OF_TRADITIONAL.get(c) ?? c);
}
